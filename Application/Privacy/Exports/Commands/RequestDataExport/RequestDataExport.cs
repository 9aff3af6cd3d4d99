using VirtuOps.Application.Privacy.Exports.Common;
using VirtuOps.Application.PrivacyRequests.Common;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Privacy;
using VirtuOps.Domain.PrivacyRequests;

namespace VirtuOps.Application.Privacy.Exports.Commands.RequestDataExport;

/// <summary>
/// Asks for a copy of the caller's data (the right of access): an owner's holds the tenant's data, an agent's their own
/// account's. Built in the background and e-mailed as a link; while one is still being built, asking again returns it.
/// </summary>
[Authorize(Roles = Roles.Owner + "," + Roles.Agent)]
[AllowedWhileRestricted]
public sealed record RequestDataExportCommand(UserLanguage Language) : ICommand<DataExportDto>;

public sealed class RequestDataExportCommandHandler(
    IApplicationDbContext context,
    ICurrentUser currentUser,
    IDataExportSignal signal,
    PrivacyRequestRecorder privacyRequests,
    TimeProvider time)
    : ICommandHandler<RequestDataExportCommand, DataExportDto>
{
    public async ValueTask<DataExportDto> Handle(RequestDataExportCommand command, CancellationToken cancellationToken)
    {
        var userId = currentUser.UserId ?? throw new SignInRequiredException();
        if (await RunningExportAsync(userId, cancellationToken) is { } running)
            return DataExportDto.From(running);

        var scope = currentUser.IsInRole(Roles.Owner) ? DataExportScope.Tenant : DataExportScope.Account;
        // Recorded as a data-subject request of the right of access, answered when the export is ready.
        var request = privacyRequests.Record(PrivacyRequestKind.Access, "A copy of my data (export).");
        var export = DataExport.Request(userId, scope, command.Language, time.GetUtcNow(), request.Id);
        context.DataExports.Add(export);
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A parallel request inserted the user's one pending export first (the unique index): that one is the answer.
            context.DataExports.Entry(export).State = EntityState.Detached;
            context.PrivacyRequests.Entry(request).State = EntityState.Detached;
            return DataExportDto.From(await RunningExportAsync(userId, cancellationToken) ?? throw new ConflictException("Try again."));
        }

        signal.ExportRequested();
        return DataExportDto.From(export);
    }

    private Task<DataExport?> RunningExportAsync(Guid userId, CancellationToken cancellationToken) =>
        context.DataExports.AsNoTracking().FirstOrDefaultAsync(e => e.UserId == userId && e.Status == DataExportStatus.Pending, cancellationToken);
}

public sealed class RequestDataExportCommandValidator : AbstractValidator<RequestDataExportCommand>
{
    public RequestDataExportCommandValidator() => RuleFor(c => c.Language).IsInEnum();
}
