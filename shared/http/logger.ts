// One structured logger per container (Powertools). Never pass request bodies or personal data.
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'xueji' });
