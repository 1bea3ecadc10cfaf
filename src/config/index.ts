export {
  findDefaultTemplate,
  type LoadOptions,
  loadSamTemplate,
  readSamTemplate,
} from './sam/load-sam-template.js';
export { isTemplateError, TemplateError } from './template-error.js';
