using ArFunctions.Application.Tests.Builders;
using ArFunctions.Domain.Common;
using static ArFunctions.Application.Tests.Builders.IntakeData;

namespace ArFunctions.Application.Tests.Intake;

public class IntakeUpsertCustomers
{
    [Fact]
    public async Task WritesEveryCustomerGivenAValidBatch()
    {
        var store = new InMemoryIntakeStore();

        var result = await store.Intake().UpsertCustomersAsync([Customer("C-1"), Customer("C-2")], CancellationToken.None);

        Assert.True(result.IsAccepted);
        Assert.Equal(2, result.Accepted);
        Assert.Equal([new CustomerId("C-1"), new CustomerId("C-2")], store.Customers.Keys);
    }

    [Fact]
    public async Task WritesNothingGivenOneBadRecordAmongValidOnes()
    {
        var store = new InMemoryIntakeStore();

        var result = await store.Intake().UpsertCustomersAsync([Customer("C-1"), Customer("C-2") with { CreditScore = 101 }, Customer("C-3")], CancellationToken.None);

        Assert.False(result.IsAccepted);
        Assert.Equal(0, result.Accepted);
        Assert.Equal((1, "creditScore"), (result.Errors[0].Index, result.Errors[0].Field));
        Assert.Equal(0, store.WriteCalls);
    }

    [Fact]
    public async Task TakesTodayAsTheDateInTheTimeProvidersBusinessZone()
    {
        var store = new InMemoryIntakeStore();
        var lateEveningUtc = new DateTimeOffset(2025, 3, 15, 0, 30, 0, TimeSpan.FromHours(2));

        var tomorrow = await store.Intake(lateEveningUtc).UpsertCustomersAsync([Customer() with { CustomerSince = "2025-03-15" }], CancellationToken.None);
        var today = await store.Intake(lateEveningUtc).UpsertCustomersAsync([Customer() with { CustomerSince = "2025-03-14" }], CancellationToken.None);

        Assert.Equal("customerSince", Assert.Single(tomorrow.Errors).Field);
        Assert.True(today.IsAccepted);
    }
}
