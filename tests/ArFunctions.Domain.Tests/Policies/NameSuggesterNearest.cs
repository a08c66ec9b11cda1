using ArFunctions.Domain.Policies;

namespace ArFunctions.Domain.Tests.Policies;

public class NameSuggesterNearest
{
    private static readonly string[] Actions = ["email", "call", "letter", "escalate", "agency"];

    [Theory]
    [InlineData("emial", "email")]
    [InlineData("EMAIL", "email")]
    [InlineData("escalte", "escalate")]
    [InlineData("leter", "letter")]
    public void FindsNameGivenSmallTypo(string typo, string expected) => Assert.Equal(expected, NameSuggester.Nearest(typo, Actions));

    [Theory]
    [InlineData("statment-of-account", "statement")]
    [InlineData("statement_v2", "statement")]
    [InlineData("firm.reminder", "firm")]
    [InlineData("overdue-notice-2", "overdue")]
    public void FindsNameGivenWordsAddedAfterItOrATypoInIt(string name, string expected) =>
        Assert.Equal(expected, NameSuggester.Nearest(name, ["final", "firm", "overdue", "statement", "upcoming"]));

    [Theory]
    [InlineData("fax-reminder")]
    [InlineData("sms-statement-of-account")]
    public void SuggestsNothingGivenOnlyAShortOrUnrelatedLeadingWord(string name) =>
        Assert.Null(NameSuggester.Nearest(name, ["final", "firm", "overdue", "statement", "upcoming"]));

    [Theory]
    [InlineData("sms")]
    [InlineData("telephone")]
    [InlineData("")]
    public void SuggestsNothingGivenUnrelatedName(string name) => Assert.Null(NameSuggester.Nearest(name, Actions));

    [Theory]
    [InlineData("frim", "firm", 1)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("same", "SAME", 0)]
    public void CountsTranspositionAsOneEdit(string a, string b, int expected) => Assert.Equal(expected, NameSuggester.Distance(a, b));

    [Fact]
    public void SuggestsNothingGivenNoCandidates() => Assert.Null(NameSuggester.Nearest("email", []));
}
