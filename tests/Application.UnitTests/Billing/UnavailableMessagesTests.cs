using VirtuOps.Application.Billing.Common;

namespace Application.UnitTests.Billing;

public sealed class UnavailableMessagesTests
{
    private static readonly UnavailableMessages Messages = new() { Uz = "uz", Ru = "ru", En = "en" };

    [Theory]
    [InlineData("Можно ли вернуть товар?", "ru")]
    [InlineData("Қачон очиласиз?", "uz")]
    [InlineData("Soat nechida ochilasiz?", "uz")]
    [InlineData("Yetkazib berish bormi", "uz")]
    [InlineData("What are your opening hours?", "en")]
    [InlineData("Hi, do you deliver?", "en")]
    public void The_customer_is_answered_in_the_language_of_their_message(string message, string expected) =>
        Messages.InLanguageOf(message).ShouldBe(expected);
}
