/**
 * Renders a bot text to HTML with the Markdown library Web Chat 4.18 itself renders with (markdown-it 13,
 * which botframework-webchat pins), so a test sees the lists and paragraphs a person sees.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownIt = require('markdown-it') as new () => { render(text: string): string };

const renderer = new MarkdownIt();

export function webChatHtml(text: string): string {
  return renderer.render(text);
}

/** How many elements of `tag` the rendered text holds. */
export function countTags(html: string, tag: string): number {
  return html.match(new RegExp(`<${tag}[\\s>]`, 'g'))?.length ?? 0;
}
