using ArFunctions.Application.DailyRuns;
using Microsoft.Extensions.Options;

namespace ArFunctions.Storage.Tests;

public class StorageOptionsValidatorValidate
{
    [Fact]
    public void SucceedsGivenAConnectionStringAndDefaults()
    {
        Assert.True(Validate(new StorageOptions { ConnectionString = "UseDevelopmentStorage=true" }).Succeeded);
    }

    [Fact]
    public void SucceedsGivenServiceUrisAndAManagedIdentity()
    {
        var options = new StorageOptions
        {
            TableServiceUri = new Uri("https://acct.table.core.windows.net"),
            QueueServiceUri = new Uri("https://acct.queue.core.windows.net"),
            ManagedIdentityClientId = "6f1c2a9e-4b7d-4c1e-9a3b-2d5e8f0a1b2c",
        };

        Assert.True(Validate(options).Succeeded);
    }

    [Fact]
    public void AsksForAnAccountGivenNothingConfigured()
    {
        Assert.Equal(
            ["ArFunctions:Storage: set ConnectionString (Azurite or an account key), or TableServiceUri and QueueServiceUri to use Entra ID."],
            Validate(new StorageOptions()).Failures);
    }

    [Fact]
    public void RefusesBothGivenAConnectionStringAndServiceUris()
    {
        var options = new StorageOptions { ConnectionString = "UseDevelopmentStorage=true", TableServiceUri = new Uri("https://acct.table.core.windows.net") };

        Assert.Equal(
            ["ArFunctions:Storage: set either ConnectionString or TableServiceUri and QueueServiceUri (with ManagedIdentityClientId), not both."],
            Validate(options).Failures);
    }

    [Fact]
    public void NamesTheMissingUriGivenOnlyTheTableServiceUri()
    {
        var options = new StorageOptions { TableServiceUri = new Uri("https://acct.table.core.windows.net") };

        Assert.Equal(["ArFunctions:Storage:QueueServiceUri is required when the other service URI is set."], Validate(options).Failures);
    }

    [Fact]
    public void ReportsEveryProblemGivenSeveralBadSettings()
    {
        var options = new StorageOptions
        {
            TableServiceUri = new Uri("ftp://acct.table.core.windows.net"),
            QueueServiceUri = new Uri("https://acct.queue.core.windows.net"),
            ManagedIdentityClientId = "my-identity",
            ShardCount = 0,
            TablePrefix = "ar-",
        };

        Assert.Equal(
            [
                "ArFunctions:Storage:TableServiceUri must be an absolute http(s) URI such as https://<account>.table.core.windows.net; it is 'ftp://acct.table.core.windows.net/'.",
                "ArFunctions:Storage:ManagedIdentityClientId must be the identity's client id (a GUID); it is 'my-identity'.",
                "ArFunctions:Storage:ShardCount must be between 1 and 1024; it is 0.",
                "ArFunctions:Storage:TablePrefix must be 1 to 24 ASCII letters or digits starting with a letter; it is 'ar-'.",
            ],
            Validate(options).Failures);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(1024, true)]
    [InlineData(1025, false)]
    [InlineData(-3, false)]
    public void ChecksTheShardRangeGivenAShardCount(int shardCount, bool valid)
    {
        Assert.Equal(valid, Validate(new StorageOptions { ConnectionString = "UseDevelopmentStorage=true", ShardCount = shardCount }).Succeeded);
    }

    [Theory]
    [InlineData("9ar")]
    [InlineData("")]
    [InlineData("prefixthatiswaytoolongforus")]
    public void RefusesTheTablePrefixGivenABadOne(string prefix)
    {
        Assert.False(Validate(new StorageOptions { ConnectionString = "UseDevelopmentStorage=true", TablePrefix = prefix }).Succeeded);
    }

    [Theory]
    [InlineData("ar-")]
    [InlineData("q")]
    [InlineData("ardemo-")]
    [InlineData("tenant7-blue-")]
    [InlineData("abcdefghijklmnopqrst")]
    public void AcceptsTheQueuePrefixGivenOneThatMakesValidQueueNames(string prefix)
    {
        Assert.True(Validate(new StorageOptions { ConnectionString = "UseDevelopmentStorage=true", QueuePrefix = prefix }).Succeeded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("7ar-")]
    [InlineData("-ar")]
    [InlineData("Ar-")]
    [InlineData("ar--")]
    [InlineData("ar_")]
    [InlineData("abcdefghijklmnopqrstu")]
    public void RefusesTheQueuePrefixGivenOneThatMakesAnInvalidQueueName(string prefix)
    {
        Assert.Equal(
            [$"ArFunctions:Storage:QueuePrefix must be 1 to 20 characters: a lower-case letter, then lower-case letters, digits or single hyphens (such as 'ar-'); it is '{prefix}'."],
            Validate(new StorageOptions { ConnectionString = "UseDevelopmentStorage=true", QueuePrefix = prefix }).Failures);
    }

    [Fact]
    public void DefaultsTheQueuePrefixToTheOneTheQueuesAreNamedWith()
    {
        var options = new StorageOptions();

        Assert.Equal(["ar-shards", "ar-emails", "ar-tasks", "ar-payments", "ar-delivery-reports"], QueueNames.All.Select(options.QueueName));
    }

    private static ValidateOptionsResult Validate(StorageOptions options) => new StorageOptionsValidator().Validate(null, options);
}
