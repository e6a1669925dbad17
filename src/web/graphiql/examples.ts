/** The README's GraphQL documents (its ```graphql blocks), so GraphiQL opens with the queries the README describes. */
export function readmeExamples(readme: string): string[] {
  return [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => named((m[1] ?? '').trim())).filter((q) => q.length > 0);
}

/** GraphiQL titles a tab by its operation's name: an anonymous `{ metrics ... }` becomes `query Metrics { ... }`. */
function named(document: string): string {
  if (!document.startsWith('{')) return document;
  const field = /^\{\s*(\w+)/.exec(document)?.[1] ?? 'example';
  return `query ${field.charAt(0).toUpperCase()}${field.slice(1)} ${document}`;
}
