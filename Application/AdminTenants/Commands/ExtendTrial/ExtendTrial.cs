using VirtuOps.Application.AdminTenants.Common;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Tenants;

namespace VirtuOps.Application.AdminTenants.Commands.ExtendTrial;

/// <summary>
/// Staff let a tenant's trial run until <see cref="Days"/> days from now (a running trial, or one that ended unpaid:
/// that one reopens and its paywall is lifted). "Until", not "by": asking twice gives the same end, and a trial is never
/// shortened. Only a trial can be extended (422 otherwise).
/// </summary>
[Authorize(Roles = Roles.Admin + "," + Roles.Support)]
public sealed record ExtendTrialCommand(Guid Id, int Days, string Reason) : ICommand<TrialDto>;

public sealed record TrialDto(DateTimeOffset EndsAt);

public sealed class ExtendTrialCommandHandler(IApplicationDbContext context, TenantActions actions, TimeProvider time)
    : ICommandHandler<ExtendTrialCommand, TrialDto>
{
    public const int MaxDays = 90;

    public async ValueTask<TrialDto> Handle(ExtendTrialCommand command, CancellationToken cancellationToken)
    {
        var tenant = await actions.BeginAsync(command.Id, command.Reason, cancellationToken);
        var subscription = await context.Subscriptions.SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("No subscription.");

        // Whole days from the start of today (UTC), so a retry a minute later lands on the same end.
        var today = new DateTimeOffset(time.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);
        if (subscription.ExtendTrial(today.AddDays(command.Days + 1)))
        {
            tenant.Lift(TenantRestrictions.PaymentRequired);
            await context.SaveChangesAsync(cancellationToken);
        }
        return new TrialDto(subscription.CurrentPeriodEnd);
    }
}

public sealed class ExtendTrialCommandValidator : AbstractValidator<ExtendTrialCommand>
{
    public ExtendTrialCommandValidator()
    {
        RuleFor(c => c.Days).InclusiveBetween(1, ExtendTrialCommandHandler.MaxDays);
        RuleFor(c => c.Reason).StaffReason();
    }
}
