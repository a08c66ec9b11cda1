using ArFunctions.Cli.Import;

namespace ArFunctions.Cli.Tests.Import;

public class NumberFormatTryParse
{
    private static readonly NumberFormat Us = new() { Decimal = ".", Thousands = ",", CurrencySymbols = ["US$", "$"] };

    private static readonly NumberFormat German = new() { Decimal = ",", Thousands = ".", CurrencySymbols = ["€", "EUR"] };

    private static readonly NumberFormat French = new() { Decimal = ",", Thousands = " ", CurrencySymbols = ["€"] };

    [Theory]
    [InlineData("$2,696.57", 2696.57)]
    [InlineData("2696.57", 2696.57)]
    [InlineData("US$1,234,567.00", 1234567.00)]
    [InlineData("($450.00)", -450.00)]
    [InlineData("(1,050.00)", -1050.00)]
    [InlineData("-$600.00", -600.00)]
    [InlineData("$600.00-", -600.00)]
    [InlineData(" 12 ", 12)]
    [InlineData("0.5", 0.5)]
    public void ReadsUsAmountsGivenSymbolsSeparatorsAndNegatives(string text, double expected)
    {
        Assert.True(Us.TryParse(text, out var value));
        Assert.Equal((decimal)expected, value);
    }

    [Theory]
    [InlineData("12.345,60 €", 12345.60)]
    [InlineData("-1.050,00 €", -1050.00)]
    [InlineData("EUR 980,5", 980.5)]
    public void ReadsGermanAmountsGivenCommaDecimals(string text, double expected)
    {
        Assert.True(German.TryParse(text, out var value));
        Assert.Equal((decimal)expected, value);
    }

    [Theory]
    [InlineData("1 234,56")]
    [InlineData("1\u00A0234,56")]
    [InlineData("1\u202F234,56")]
    public void ReadsSpaceGroupedAmountsGivenAnyKindOfSpace(string text)
    {
        Assert.True(French.TryParse(text, out var value));
        Assert.Equal(1234.56m, value);
    }

    [Theory]
    [InlineData("1,2.50")]
    [InlineData("12,34.00")]
    [InlineData("1.234.56")]
    [InlineData("(-5.00)")]
    [InlineData("--5")]
    [InlineData("five")]
    [InlineData("$")]
    [InlineData("1.2.3")]
    [InlineData("1e5")]
    public void RefusesGivenMisplacedSeparatorsOrNoNumber(string text) =>
        Assert.False(Us.TryParse(text, out _));

    [Fact]
    public void RefusesAThousandsSeparatorGivenTheCanonicalFormat() =>
        Assert.False(NumberFormat.Canonical.TryParse("1,234.50", out _));
}

public class DateFormatsTryParse
{
    [Theory]
    [InlineData("9/24/2026")]
    [InlineData("09/24/2026")]
    public void ReadsUsDatesGivenOneOrTwoDigitMonthsAndDays(string text)
    {
        Assert.True(new DateFormats(["M/d/yyyy"]).TryParse(text, out var date));
        Assert.Equal(new DateOnly(2026, 9, 24), date);
    }

    [Fact]
    public void ReadsTheFirstFormThatFitsGivenSeveral()
    {
        var forms = new DateFormats(["dd/MM/yyyy", "d MMM yyyy"]);

        Assert.True(forms.TryParse("24 Sep 2026", out var date));
        Assert.Equal(new DateOnly(2026, 9, 24), date);
    }

    [Fact]
    public void RefusesAUsDateGivenDayFirstForms() =>
        Assert.False(new DateFormats(["dd/MM/yyyy"]).TryParse("9/24/2026", out _));
}
