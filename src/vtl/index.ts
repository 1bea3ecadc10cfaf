export type { InputVariable, MethodRequestParams } from './input-variable.js';
export { fromJson, javaString } from './java-values.js';
export { selectJsonPath } from './json-path.js';
export {
  findTemplate,
  MappingTemplateError,
  type RenderedTemplate,
  renderMappingTemplate,
  selectResponseTemplate,
  type TemplateVariables,
  templateLineRef,
} from './mapping-template.js';
export { escapeJavaScript, urlEncode } from './util-variable.js';
