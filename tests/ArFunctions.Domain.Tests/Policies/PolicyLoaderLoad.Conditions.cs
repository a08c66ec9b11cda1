using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Tests.Builders;

namespace ArFunctions.Domain.Tests.Policies;

public partial class PolicyLoaderLoad
{
    private static string WithWhen(string condition) => PolicyJson.With(root => root.Segment(0)["when"] = PolicyJson.Node(condition));

    [Fact]
    public void SuggestsFieldGivenMisspelledField() =>
        PolicyJson.SingleError(
            WithWhen("""{ "field": "avgDayLate", "op": ">", "value": 15 }"""),
            "segments[0].when.field",
            "unknown field 'avgDayLate', did you mean 'avgDaysLate'?");

    [Fact]
    public void NamesNestedPathGivenErrorDeepInCondition() =>
        PolicyJson.SingleError(
            WithWhen("""{ "any": [ { "field": "riskScore", "op": ">", "value": 1 }, { "all": [ { "not": { "field": "zzzzzz", "op": "=", "value": 1 } } ] } ] }"""),
            "segments[0].when.any[1].all[0].not.field",
            "unknown field 'zzzzzz'");

    [Fact]
    public void BuildsNestedConditionGivenAllAnyAndNot()
    {
        var policy = PolicyJson.LoadValid(WithWhen(
            """{ "all": [ { "any": [ { "field": "riskScore", "op": ">=", "value": 70 }, { "field": "country", "op": "=", "value": "de" } ] }, { "not": { "field": "paymentMethod", "op": "==", "value": "direct-debit" } } ] }"""));
        var when = policy.Segments[0].When!;

        Assert.Equal("((riskScore >= 70 or country = de) and not paymentMethod = direct-debit)", when.ToString());
        Assert.True(when.IsSatisfiedBy(A.Features() with { Country = "DE" }));
        Assert.False(when.IsSatisfiedBy(A.Features() with { Country = "DE", PaymentMethod = PaymentMethod.DirectDebit }));
        Assert.False(when.IsSatisfiedBy(A.Features()));
    }

    [Fact]
    public void RejectsOrderingGivenUnorderedEnum() =>
        PolicyJson.SingleError(WithWhen("""{ "field": "paymentMethod", "op": ">", "value": "check" }"""), "segments[0].when.op", "'paymentMethod' has no order; use = or !=");

    [Fact]
    public void AcceptsOrderingGivenOrderedEnum()
    {
        var when = PolicyJson.LoadValid(WithWhen("""{ "field": "riskClass", "op": ">=", "value": "high" }""")).Segments[0].When!;

        Assert.True(when.IsSatisfiedBy(A.Features() with { RiskClass = RiskClass.Critical }));
        Assert.False(when.IsSatisfiedBy(A.Features() with { RiskClass = RiskClass.Medium }));
    }

    [Fact]
    public void RejectsOrderingGivenTextField() =>
        PolicyJson.SingleError(WithWhen("""{ "field": "country", "op": "<", "value": "US" }"""), "segments[0].when.op", "'country' is text; use = or !=");

    [Fact]
    public void RejectsStringGivenNumberField() =>
        PolicyJson.SingleError(WithWhen("""{ "field": "riskScore", "op": ">=", "value": "70" }"""), "segments[0].when.value", "'riskScore' is a number; expected a number");

    [Fact]
    public void RejectsNumberGivenEnumField() =>
        PolicyJson.SingleError(WithWhen("""{ "field": "invoicingMode", "op": "=", "value": 1 }"""), "segments[0].when.value", "expected a string, got 1");

    [Fact]
    public void RejectsNumberGivenTextField() =>
        PolicyJson.SingleError(WithWhen("""{ "field": "industry", "op": "=", "value": 7 }"""), "segments[0].when.value", "'industry' is text; expected a string");

    [Fact]
    public void SuggestsEnumValueGivenMisspelledValue() =>
        PolicyJson.SingleError(
            WithWhen("""{ "field": "paymentMethod", "op": "=", "value": "direct-debt" }"""),
            "segments[0].when.value",
            "unknown paymentMethod 'direct-debt', did you mean 'direct-debit'?");

    [Fact]
    public void ListsOperatorsGivenUnknownOperator() =>
        PolicyJson.SingleError(WithWhen("""{ "field": "riskScore", "op": "=>", "value": 70 }"""), "segments[0].when.op", "unknown operator '=>'; expected one of: = == != < <= > >=");

    [Fact]
    public void RequiresValueGivenComparisonWithoutValue() =>
        PolicyJson.SingleError(WithWhen("""{ "field": "riskScore", "op": ">=" }"""), "segments[0].when.value", "is required");

    [Fact]
    public void RejectsConditionGivenTwoForms() =>
        PolicyJson.SingleError(
            WithWhen("""{ "field": "riskScore", "op": ">=", "value": 1, "any": [ { "field": "riskScore", "op": ">=", "value": 2 } ] }"""),
            "segments[0].when",
            "exactly one of 'field', 'all', 'any' or 'not', found 'field' and 'any'");

    [Fact]
    public void RejectsConditionGivenNoForm() =>
        PolicyJson.SingleError(WithWhen("{}"), "segments[0].when", "a condition needs one of 'field', 'all', 'any' or 'not'");

    [Fact]
    public void SuggestsPropertyGivenMisspelledConditionKey() =>
        PolicyJson.SingleError(WithWhen("""{ "feild": "riskScore", "op": ">=", "value": 1 }"""), "segments[0].when.feild", "unknown property 'feild', did you mean 'field'?");

    [Fact]
    public void RejectsEmptyListGivenAnyWithoutConditions() =>
        PolicyJson.SingleError(WithWhen("""{ "any": [] }"""), "segments[0].when.any", "needs at least one condition");

    [Fact]
    public void RejectsOperatorGivenCombinator() =>
        PolicyJson.SingleError(WithWhen("""{ "all": [ { "field": "riskScore", "op": ">=", "value": 1 } ], "op": "=" }"""), "segments[0].when.op", "belongs to a comparison");

    [Fact]
    public void RejectsConditionGivenString() =>
        PolicyJson.SingleError(WithWhen("\"riskScore > 70\""), "segments[0].when", "expected an object, got a string");

    [Fact]
    public void ParsesConditionGivenStepWhen()
    {
        var json = PolicyJson.With(root => root.Step(0, 0)["when"] = PolicyJson.Node("""{ "field": "invoicingMode", "op": "!=", "value": "e-invoice" }"""));

        Assert.Equal("invoicingMode != e-invoice", PolicyJson.LoadValid(json).Strategy("firm").Steps[0].When!.ToString());
    }
}
