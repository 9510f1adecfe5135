// The module-scope DynamoDB document client, created once per container and reused. Its
// endpoint comes from the SDK's own AWS_ENDPOINT_URL_DYNAMODB, which the local runtime sets.
// One client per module, so a handler's bundle carries only the SDK clients it imports.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export const dynamoClient = new DynamoDBClient({});

export const dynamo = DynamoDBDocumentClient.from(dynamoClient, {
  marshallOptions: { removeUndefinedValues: true },
});
