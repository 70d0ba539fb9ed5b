/** Errors thrown by services and mapped once at the edge (web: NHS.UK error page; API: JSON). */
export class DomainError extends Error {
  readonly status: number = 500;
}

export class NotFound extends DomainError {
  override readonly status = 404;
  constructor(what = 'Page') {
    super(`${what} not found`);
  }
}

export class Forbidden extends DomainError {
  override readonly status = 403;
  constructor(message = 'You do not have permission to do that') {
    super(message);
  }
}

export type FieldError = { field: string; message: string };

export class ValidationFailed extends DomainError {
  override readonly status = 422;
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => e.message).join('; '));
  }
}

export class Conflict extends DomainError {
  override readonly status = 409;
}

/** A request no form could have sent (characters nobody types, a body of the wrong kind): refused with 400. */
export class BadInput extends DomainError {
  override readonly status: number = 400;
}

/** A second open referral of a person to the same activity or buddy scheme (decision 022): the form shows the first. */
export class AlreadyReferred extends ValidationFailed {
  constructor(
    readonly existing: { id: string; status: string },
    message: string,
  ) {
    super([{ field: 'existingReferral', message }]);
  }
}
