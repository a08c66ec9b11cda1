using System.Globalization;
using System.Text.Json.Nodes;

namespace ArFunctions.Domain.Tests.Policies;

public partial class PolicyLoaderLoad
{
    private static string StandardVersion(string json) => PolicyJson.LoadValid(json).Strategy("standard").Version;

    [Fact]
    public void UsesDeclaredStrategyVersion() =>
        Assert.Equal("v7", StandardVersion(PolicyJson.With(root => root.Strategy(1)["version"] = "v7")));

    [Fact]
    public void HashesLadderIntoEightHexDigitsGivenNoDeclaredVersion()
    {
        var version = StandardVersion(PolicyJson.Minimal);

        Assert.Matches("^[0-9a-f]{8}$", version);
        // Pinned: the version is part of ledger keys, so the same ladder must hash the same in every release.
        Assert.Equal("21820cc9", version);
    }

    [Fact]
    public void GivesSameVersionGivenSameLadderUnderOtherIdAndDescription()
    {
        var policy = PolicyJson.LoadValid(PolicyJson.With(root =>
        {
            root.Strategy(0)["steps"] = root.Strategy(1)["steps"]!.DeepClone();
            root.Strategy(0)["description"] = "Same ladder, other words.";
        }));

        Assert.Equal(policy.Strategy("standard").Version, policy.Strategy("firm").Version);
    }

    [Fact]
    public void KeepsVersionGivenStepsListedInAnotherOrder()
    {
        var reordered = PolicyJson.With(root =>
        {
            var steps = root.Strategy(1)["steps"]!.AsArray();
            var first = steps[0]!;
            steps.RemoveAt(0);
            steps.Add(first);
        });

        Assert.Equal(StandardVersion(PolicyJson.Minimal), StandardVersion(reordered));
    }

    [Theory]
    [InlineData(0, "day", "6")]
    [InlineData(0, "template", "\"firm\"")]
    [InlineData(0, "contactRole", "\"cfo\"")]
    [InlineData(0, "id", "\"reminder\"")]
    [InlineData(0, "when", """{ "field": "riskScore", "op": ">", "value": 1 }""")]
    [InlineData(1, "to", "\"credit-manager\"")]
    [InlineData(1, "action", "\"agency\"")]
    public void ChangesVersionGivenStepChange(int step, string property, string value)
    {
        var changed = PolicyJson.With(root => root.Step(1, step)[property] = PolicyJson.Node(value));

        Assert.NotEqual(StandardVersion(PolicyJson.Minimal), StandardVersion(changed));
    }

    [Fact]
    public void ChangesVersionGivenDayCountingChange() =>
        Assert.NotEqual(StandardVersion(PolicyJson.Minimal), StandardVersion(PolicyJson.With(root => root.Strategy(1)["days"] = "business")));

    [Fact]
    public void ChangesVersionExactlyWhenRandomLadderChanges()
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var random = new Random(seed);
            var steps = RandomSteps(random);
            var original = StandardVersion(WithStandardSteps(steps));

            Assert.Equal(original, StandardVersion(WithStandardSteps((JsonArray)steps.DeepClone())));

            var changed = (JsonArray)steps.DeepClone();
            var target = changed[random.Next(changed.Count)]!.AsObject();
            target["day"] = target["day"]!.GetValue<int>() + random.Next(1, 5);
            Assert.NotEqual(original, StandardVersion(WithStandardSteps(changed)));
        }
    }

    private static string WithStandardSteps(JsonArray steps) => PolicyJson.With(root => root.Strategy(1)["steps"] = steps);

    private static JsonArray RandomSteps(Random random)
    {
        var steps = new JsonArray();
        var count = random.Next(1, 8);
        for (var i = 0; i < count; i++)
        {
            // Explicit ids keep steps unique whatever days the seed picks.
            var step = new JsonObject { ["id"] = "s" + i.ToString(CultureInfo.InvariantCulture), ["day"] = random.Next(-30, 120) };
            switch (random.Next(3))
            {
                case 0:
                    step["action"] = "email";
                    step["template"] = random.Next(2) == 0 ? "overdue" : "firm";
                    break;
                case 1:
                    step["action"] = "call";
                    step["contactRole"] = random.Next(2) == 0 ? "ap-clerk" : "controller";
                    break;
                default:
                    step["action"] = "escalate";
                    step["to"] = "collections-manager";
                    break;
            }

            steps.Add(step);
        }

        return steps;
    }
}
