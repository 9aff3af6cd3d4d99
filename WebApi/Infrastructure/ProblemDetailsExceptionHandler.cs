using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using VirtuOps.Application.Billing.Payments;
using VirtuOps.Application.Channels.Common;
using VirtuOps.Application.Common.Exceptions;
using VirtuOps.Domain.Exceptions;
using VirtuOps.Infrastructure.Data;

namespace VirtuOps.WebApi.Infrastructure;

/// <summary>Turns the application's exceptions into RFC 9457 problem details; anything else stays a 500.</summary>
internal sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problemDetailsService) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ValidationException validation => new HttpValidationProblemDetails(CamelCaseKeys(validation.Errors))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "One or more validation errors occurred.",
            },
            BadHttpRequestException badRequest => UnreadableRequest(badRequest),
            AntiforgeryValidationException => new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Missing or invalid antiforgery token.",
                Detail = $"Send the {Antiforgery.CookieName} cookie's value in the {Antiforgery.HeaderName} header.",
            },
            SignInRequiredException signIn => new ProblemDetails { Status = StatusCodes.Status401Unauthorized, Title = "Sign-in required.", Detail = signIn.Message },
            ForbiddenAccessException forbidden => new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "Not allowed.", Detail = forbidden.Message },
            TooManyRequestsException tooMany => new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests.", Detail = tooMany.Message },
            NotFoundException notFound => new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not found.", Detail = notFound.Message },
            ProcessingRestrictedException restricted => new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = restricted.Title, Detail = restricted.Message },
            PreconditionFailedException => new ProblemDetails
            {
                Status = StatusCodes.Status412PreconditionFailed,
                Title = RequestLanguage.Pick(httpContext.Request, "Boshqa kishi oʻzgartirgan.", "Изменено кем-то другим.", "Changed by someone else."),
                Detail = RequestLanguage.Pick(httpContext.Request,
                    "Siz yuklaganingizdan keyin buni boshqa kishi oʻzgartirdi. Qayta yuklang va oʻzgarishingizni yana kiriting.",
                    "После того как вы это загрузили, это изменил кто-то другой. Загрузите заново и внесите изменение ещё раз.",
                    PreconditionFailedException.DefaultMessage),
            },
            ConflictException conflict => new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Conflict.", Detail = conflict.Message },
            // Two requests changed the same row, or made the same unique thing, at once (a double click, two tabs) and this
            // one lost: nothing of it was saved, and the state the winner left is what the caller sees when it reloads.
            DbUpdateException race when race is DbUpdateConcurrencyException || UniqueKeyViolation.Is(race) => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Changed meanwhile.",
                Detail = RequestLanguage.Pick(httpContext.Request,
                    "Bu bir vaqtning oʻzida boshqa soʻrov bilan oʻzgartirildi; bu soʻrovdan hech narsa saqlanmadi. Qayta yuklang va natijani tekshiring.",
                    "Это одновременно изменил другой запрос; из этого запроса ничего не сохранено. Загрузите заново и проверьте результат.",
                    "Another request changed this at the same moment; nothing of this one was saved. Reload and check the result."),
            },
            // A provider outage or rate limit while connecting or disconnecting a channel: trying again later may work.
            ChannelApiException provider => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The messaging provider did not answer.",
                Detail = provider.Message,
            },
            PaymentRefusedException refusal => PaymentRefusalMessages.Problem(httpContext.Request, refusal),
            DomainRuleViolationException rule => new ProblemDetails { Status = StatusCodes.Status422UnprocessableEntity, Title = "Business rule violated.", Detail = rule.Message },
            _ => null,
        };
        if (problem is null)
            return false;

        httpContext.Response.StatusCode = problem.Status!.Value;
        var retryAfter = exception switch
        {
            TooManyRequestsException { RetryAfter.TotalSeconds: > 0 } wait => wait.RetryAfter,
            ChannelApiException { RetryAfter.TotalSeconds: > 0 } wait => wait.RetryAfter,
            _ => (TimeSpan?)null,
        };
        if (retryAfter is { } delay)
            httpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(delay.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problemDetailsService.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    // The framework's messages name the handler's parameters and their types, so the answer says what to fix in its own
    // words: a JSON value of the wrong type (null for a number, a name no enum has) is an error of its field.
    private static ProblemDetails UnreadableRequest(BadHttpRequestException exception) => exception switch
    {
        { InnerException: JsonException { Path: ['$', '.', .. var field] } } => new HttpValidationProblemDetails(
            new Dictionary<string, string[]> { [field] = ["Not a valid value for this field."] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more validation errors occurred.",
        },
        _ => new ProblemDetails
        {
            Status = exception.StatusCode,
            Title = "The request could not be read.",
            Detail = exception.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
                StatusCodes.Status415UnsupportedMediaType => "Send the request body as JSON (Content-Type: application/json).",
                _ => "Check the body, query string and headers against the API documentation.",
            },
        },
    };

    // Field names follow the JSON body ("fullName", "items[0].name"), so a client can put each message under its field.
    private static Dictionary<string, string[]> CamelCaseKeys(IDictionary<string, string[]> errors) =>
        errors.ToDictionary(
            e => string.Join('.', e.Key.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName)),
            e => e.Value);
}
