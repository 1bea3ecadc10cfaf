import type { SourceRef } from './source-ref.js';

/**
 * A stage's access logging: AWS::Serverless::Api `AccessLogSetting` (AWS::ApiGateway::Stage AccessLogSetting),
 * AWS::Serverless::HttpApi `AccessLogSettings` (AWS::ApiGatewayV2::Stage AccessLogSettings).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html
 */
export interface AccessLogSetting {
  /** The CloudWatch Logs log group or Firehose stream ARN; locally the lines go to the terminal or a file. */
  readonly destinationArn?: string;
  /** One line with `$context` variables: CLF, JSON, XML or CSV as the user wrote it. */
  readonly format: string;
  readonly source: SourceRef;
}
