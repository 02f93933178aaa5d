// The problem+json shape as documented in OpenAPI; ProblemBody in problem.ts is what the filter builds.
export class FieldProblemDto {
  /** Dotted path of the field. @example "limit" */
  field: string;
  /** @example ["limit must not be greater than 100"] */
  messages: string[];
}

export class ProblemDto {
  /** URI naming the kind of problem. @example "http://localhost:3000/problems/validation-failed" */
  type: string;
  /** @example "Bad request" */
  title: string;
  /** @example 400 */
  status: number;
  /** What went wrong, for a person. @example "The request has invalid fields." */
  detail?: string;
  /** The path that failed. @example "/v1/firms" */
  instance?: string;
  /** Stable machine-readable code (the last segment of `type`). @example "validation-failed" */
  code: string;
  /** Quote it when reporting a problem; it is in every log line of the request. @example "0f9c3a52-6b1e-4f7e-9a51-3c1d2f1b8e77" */
  requestId?: string;
  /** One entry per invalid field, on validation problems. */
  errors?: FieldProblemDto[];
}
