/**
 * The part of markdown-it the fuzz suites use as a CommonMark oracle. Remove this file once
 * `@types/markdown-it` is a devDependency.
 */
declare module 'markdown-it' {
  interface Options {
    html?: boolean;
    linkify?: boolean;
  }
  class MarkdownIt {
    constructor(options?: Options);
    render(markdown: string): string;
    renderInline(markdown: string): string;
  }
  export = MarkdownIt;
}
