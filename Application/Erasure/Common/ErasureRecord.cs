using VirtuOps.Domain.Privacy;

namespace VirtuOps.Application.Erasure.Common;

public static class ErasureRecord
{
    /// <summary>Closes the data-subject request the erasure was recorded as, if it is still open.</summary>
    public static async Task AnswerAsync(IApplicationDbContext context, ErasureRequest erasure, string answer, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (erasure.PrivacyRequestId is not { } id)
            return;
        var request = await context.PrivacyRequests.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is { IsOpen: true })
            request.AnswerNow(answer, at);
    }
}
