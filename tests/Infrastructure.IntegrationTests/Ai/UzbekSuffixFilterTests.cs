using VirtuOps.Infrastructure.Ai.Retrieval;

namespace Infrastructure.IntegrationTests.Ai;

public sealed class UzbekSuffixFilterTests
{
    [Theory]
    [InlineData("toshkentga", "toshkent")]
    [InlineData("yetkazasizmi", "yetkaz")]
    [InlineData("yetkazish", "yetkaz")]
    [InlineData("mahsulotlarimiz", "mahsulot")]
    [InlineData("narxi", "narx")]
    public void Word_forms_meet_at_one_stem(string word, string stem)
    {
        UzbekSuffixFilter.Strip(word).ShouldBe(stem);
    }

    [Theory]
    [InlineData("uyda")] // "uy" + "da" would leave a two-letter stem
    [InlineData("non")]
    public void Short_words_are_left_alone(string word)
    {
        UzbekSuffixFilter.Strip(word).ShouldBe(word);
    }
}
