/** snake_case (metrics/) to camelCase (GraphQL): acquisition_source -> acquisitionSource. */
export function camelCase(snake: string): string {
  return snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** snake_case to SCREAMING_SNAKE for GraphQL enum values. */
export function enumName(snake: string): string {
  return snake.toUpperCase();
}
