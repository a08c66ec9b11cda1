using ArFunctions.Application.Portal;

namespace ArFunctions.Application.Tests.Portal;

public class PortalOptionsValidatorValidate
{
    internal static readonly string Secret = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    internal static PortalOptions Valid() => new()
    {
        BaseUrl = "https://func-prod.azurewebsites.net",
        Keys =
        [
            new PortalKeyOptions { Id = "k2", Secret = Secret },
            new PortalKeyOptions { Id = "k1", Secret = Convert.ToBase64String(new byte[40]), NotAfter = new DateTimeOffset(2027, 1, 31, 0, 0, 0, TimeSpan.Zero) },
        ],
    };

    private static IEnumerable<string> Errors(PortalOptions options) => new PortalOptionsValidator().Validate(null, options).Failures ?? [];

    [Fact]
    public void AcceptsNoPortalAtAll() => Assert.Empty(Errors(new PortalOptions()));

    [Fact]
    public void AcceptsABaseUrlWithOneSigningKeyAndOneRetiringKey() => Assert.Empty(Errors(Valid()));

    [Fact]
    public void RefusesABaseUrlWithoutKeys()
    {
        var options = Valid();
        options.Keys.Clear();

        Assert.Equal(["ArFunctions:Portal:Keys needs at least one key (Id, Secret) to sign links."], Errors(options));
    }

    [Fact]
    public void RefusesKeysWithoutABaseUrl()
    {
        var options = Valid();
        options.BaseUrl = "func-prod.azurewebsites.net";

        Assert.Contains(Errors(options), e => e.StartsWith("ArFunctions:Portal:BaseUrl must be the app's absolute http(s) address", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("c2hvcnQ=")]
    [InlineData("not base64!")]
    [InlineData("")]
    public void RefusesASecretThatCannotSign(string secret)
    {
        var options = Valid();
        options.Keys[0].Secret = secret;

        Assert.Equal(["ArFunctions:Portal:Keys:0:Secret must be base64 of at least 32 random bytes (openssl rand -base64 32)."], Errors(options));
    }

    [Fact]
    public void RefusesTwoKeysWithTheSameId()
    {
        var options = Valid();
        options.Keys[1].Id = "k2";

        Assert.Equal(["ArFunctions:Portal:Keys:1:Id 'k2' is used by another key."], Errors(options));
    }

    [Fact]
    public void RefusesAKeyIdThatCannotTravelInALink()
    {
        var options = Valid();
        options.Keys[0].Id = "key one";

        Assert.Equal(["ArFunctions:Portal:Keys:0:Id must be 1 to 32 letters, digits, '-' or '_' (was 'key one')."], Errors(options));
    }

    [Fact]
    public void RefusesKeysGivenNoneOrTwoWithoutNotAfter()
    {
        var none = Valid();
        none.Keys[0].NotAfter = DateTimeOffset.UnixEpoch;
        var two = Valid();
        two.Keys[1].NotAfter = null;

        Assert.Equal(["ArFunctions:Portal:Keys must have exactly one key without NotAfter (the one that signs new links); found 0."], Errors(none));
        Assert.Equal(["ArFunctions:Portal:Keys must have exactly one key without NotAfter (the one that signs new links); found 2."], Errors(two));
    }
}
