namespace ArFunctions.Email.Tests;

public sealed class OperationIdsForAction
{
    [Fact]
    public void ReturnsSameVersion8GuidGivenSameActionId()
    {
        var first = OperationIds.ForAction("20261102-C-100-email");

        Assert.Equal(first, OperationIds.ForAction("20261102-C-100-email"));
        Assert.NotEqual(first, OperationIds.ForAction("20261103-C-100-email"));
        Assert.Equal(8, first.Version);
        Assert.Equal('8', first.ToString("D")[14]);
        Assert.Contains(first.ToString("D")[19], "89ab");
    }
}
