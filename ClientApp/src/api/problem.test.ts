import { describe, expect, it } from 'vitest';
import { ApiException, type HttpValidationProblemDetails } from './generated/virtuops-api';
import { toFieldName, toProblem } from './problem';

describe('toProblem', () => {
  it('reads an RFC 9457 body from an ApiException', () => {
    const body = JSON.stringify({
      type: 'https://tools.ietf.org/html/rfc9110#section-15.5.10',
      title: 'Conflict',
      status: 409,
      detail: 'A tenant with this slug already exists.',
      traceId: '00-abc-01',
    });
    const error = new ApiException('An unexpected server error occurred.', 409, body, {}, null);

    expect(toProblem(error)).toEqual({
      title: 'Conflict',
      status: 409,
      detail: 'A tenant with this slug already exists.',
      traceId: '00-abc-01',
      fieldErrors: {},
    });
  });

  it('keeps the HTTP status and message when the ApiException body is not ProblemDetails', () => {
    const error = new ApiException('An unexpected server error occurred.', 502, '<html>Bad gateway</html>', {}, null);

    expect(toProblem(error)).toEqual({
      title: 'An unexpected server error occurred.',
      status: 502,
      fieldErrors: {},
    });
  });

  it('camelCases the field names of a thrown validation problem', () => {
    const thrown: HttpValidationProblemDetails = {
      title: 'One or more validation errors occurred.',
      status: 400,
      errors: {
        FullName: ['Full name is required.'],
        email: ['E-mail is not valid.', 'E-mail is too long.'],
      },
      traceId: '00-def-01',
    };

    const problem = toProblem(thrown);

    expect(problem.status).toBe(400);
    expect(problem.traceId).toBe('00-def-01');
    expect(problem.fieldErrors).toEqual({
      fullName: ['Full name is required.'],
      email: ['E-mail is not valid.', 'E-mail is too long.'],
    });
  });

  it('reports a network failure as status 0', () => {
    const problem = toProblem(new TypeError('Failed to fetch'));

    expect(problem).toEqual({ title: 'Failed to fetch', status: 0, fieldErrors: {} });
  });
});

describe('toFieldName', () => {
  it('camelCases every segment of a nested path', () => {
    expect(toFieldName('Contacts[0].PhoneNumber')).toBe('contacts[0].phoneNumber');
  });
});
