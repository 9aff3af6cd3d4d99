using VirtuOps.Domain.Sms;

namespace VirtuOps.Application.Sms.Commands.RecordSmsDelivery;

/// <summary>
/// An SMS gateway reports what became of a message we sent. Safe to replay: the same or an older report changes
/// nothing. <see cref="StatusAt"/> is null when the gateway's date could not be read; validation rejects that.
/// </summary>
public sealed record RecordSmsDeliveryCommand(
    string ProviderMessageId,
    string PhoneNumber,
    string Status,
    DateTimeOffset? StatusAt) : ICommand;

public sealed class RecordSmsDeliveryCommandHandler(IApplicationDbContext context)
    : ICommandHandler<RecordSmsDeliveryCommand>
{
    public async ValueTask<Unit> Handle(RecordSmsDeliveryCommand command, CancellationToken cancellationToken)
    {
        var providerMessageId = command.ProviderMessageId.Trim();
        var statusAt = command.StatusAt!.Value;
        var delivery = await context.SmsDeliveries
            .SingleOrDefaultAsync(d => d.ProviderMessageId == providerMessageId, cancellationToken);

        if (delivery is null)
            context.SmsDeliveries.Add(SmsDelivery.Record(providerMessageId, command.PhoneNumber, command.Status, statusAt));
        else
            delivery.Report(command.Status, statusAt);

        // Nothing is tracked as changed for a replayed or older report, so this saves nothing then.
        await context.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
