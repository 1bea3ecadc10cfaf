import type { AccessLogSetting } from '../../model/index.js';
import { checkKnownKeys } from './known-properties.js';
import { PropertyReader } from './property-reader.js';

/**
 * `AccessLogSetting` of AWS::Serverless::Api, `AccessLogSettings` of AWS::Serverless::HttpApi: `{ DestinationArn, Format }`.
 * AWS: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-apigateway-stage-accesslogsetting.html
 * Both keys are optional in CloudFormation; without a Format there is nothing to write, so no access log is kept.
 */
export function readAccessLogSetting(props: PropertyReader, key: string): AccessLogSetting | undefined {
  const map = props.mapAt(key);
  if (map === undefined) return undefined;
  checkKnownKeys(map, ['DestinationArn', 'Format'], key);
  const setting = new PropertyReader(props.resolver, map);
  const format = setting.string('Format');
  if (format === undefined || format.trim() === '') return undefined;
  const destinationArn = setting.string('DestinationArn');
  return { format, ...(destinationArn === undefined ? {} : { destinationArn }), source: setting.refOf('Format') };
}

/** `{ accessLogSetting }` to spread into a stage, or nothing. */
export function accessLogOf(props: PropertyReader, key: string): { accessLogSetting?: AccessLogSetting } {
  const accessLogSetting = readAccessLogSetting(props, key);
  return accessLogSetting === undefined ? {} : { accessLogSetting };
}
