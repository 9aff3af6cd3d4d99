using FluentValidation;
using VirtuOps.Application.Common.Behaviours;
using VirtuOps.Application.DemoRequests.Commands.CreateDemoRequest;
using ValidationException = VirtuOps.Application.Common.Exceptions.ValidationException;

namespace Application.UnitTests.Common.Behaviours;

public sealed class ValidationBehaviourTests
{
    private sealed class SecondValidator : AbstractValidator<CreateDemoRequestCommand>
    {
        public SecondValidator() => RuleFor(c => c.Message).NotEmpty();
    }

    private static readonly CreateDemoRequestCommand Valid = new("Aziz Karimov", "aziz@example.uz", "Oila Market", "+998 90 123 45 67", "Salom");

    [Fact]
    public async Task A_valid_message_reaches_the_handler()
    {
        var behaviour = new ValidationBehaviour<CreateDemoRequestCommand, Guid>([new CreateDemoRequestCommandValidator()]);
        var handled = Guid.CreateVersion7();

        var result = await behaviour.Handle(Valid, (_, _) => ValueTask.FromResult(handled), CancellationToken.None);

        result.ShouldBe(handled);
    }

    [Fact]
    public async Task An_invalid_message_is_rejected_with_the_failures_of_every_validator_and_never_handled()
    {
        var behaviour = new ValidationBehaviour<CreateDemoRequestCommand, Guid>([new CreateDemoRequestCommandValidator(), new SecondValidator()]);
        var handlerCalled = false;

        var error = await Should.ThrowAsync<ValidationException>(async () => await behaviour.Handle(
            Valid with { Email = "not-an-email", Message = null },
            (_, _) => { handlerCalled = true; return ValueTask.FromResult(Guid.Empty); },
            CancellationToken.None));

        error.Errors.Keys.ShouldBe(["Email", "Message"], ignoreOrder: true);
        handlerCalled.ShouldBeFalse();
    }
}
