// Called per value of every answer row; the names are the catalog's, a bounded few.
const camelNames = new Map<string, string>();

/** snake_case (metrics/) to camelCase (GraphQL): acquisition_source -> acquisitionSource. */
export function camelCase(snake: string): string {
  let camel = camelNames.get(snake);
  if (camel === undefined) {
    camel = snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    if (camelNames.size < 10_000) camelNames.set(snake, camel);
  }
  return camel;
}

/** snake_case to SCREAMING_SNAKE for GraphQL enum values. */
export function enumName(snake: string): string {
  return snake.toUpperCase();
}
