export { createMarkdownReporter } from "./markdown-reporter.js";
export {
  type MarkdownReporterOptions,
  markdownReporterOptionsSchema,
} from "./markdown-reporter-options.js";
