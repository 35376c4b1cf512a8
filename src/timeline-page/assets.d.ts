/** The timeline page, built by scripts/build.mjs from this folder: the template with its style and script inlined. */
declare module 'timeline-page:template' {
  const template: string;
  export default template;
}
