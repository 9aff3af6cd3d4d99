using VirtuOps.Domain.Sms;

namespace VirtuOps.Application.Sms.Commands.RecordSmsDelivery;

public sealed class RecordSmsDeliveryCommandValidator : AbstractValidator<RecordSmsDeliveryCommand>
{
    // Longest E.164 number with a little room for the separators some gateways send.
    private const int PhoneNumberMaxLength = 32;

    public RecordSmsDeliveryCommandValidator()
    {
        RuleFor(c => c.ProviderMessageId).NotEmpty().MaximumLength(SmsDelivery.ProviderMessageIdMaxLength);
        RuleFor(c => c.PhoneNumber).NotEmpty().MaximumLength(PhoneNumberMaxLength);
        RuleFor(c => c.Status).NotEmpty().MaximumLength(SmsDelivery.StatusMaxLength);
        RuleFor(c => c.StatusAt).NotNull().WithMessage("'Status At' must be the date the gateway reached the status.");
    }
}
