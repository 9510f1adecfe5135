// The module-scope SQS client (endpoint from AWS_ENDPOINT_URL_SQS locally).
import { SQSClient } from '@aws-sdk/client-sqs';

export const sqs = new SQSClient({});
