using ArFunctions.Application.Portal;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Portal;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ArFunctions.Application.Tests.Portal;

public class PortalLinksIssue
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 30, 15, TimeSpan.Zero);

    [Fact]
    public void SignsWithTheKeyWithoutNotAfterAndPointsAtThePage()
    {
        var time = new FakeTimeProvider(Now);
        var links = new PortalLinks(Options.Create(PortalOptionsValidatorValidate.Valid()), time);

        var link = links.Issue(new CustomerId("C-1"), "ap@acme.test", 30);
        var check = links.Verify(link.Token);

        Assert.Equal("https://func-prod.azurewebsites.net/api/portal/" + link.Token, link.Url.ToString());
        Assert.Equal((PortalLinkStatus.Valid, "k2", link.LinkId, "C-1", "ap@acme.test"), (check.Status, check.Payload!.KeyId, check.Payload.LinkId, check.Payload.CustomerId.Value, check.Payload.Contact));
        Assert.Equal((Now.AddTicks(-Now.Ticks % TimeSpan.TicksPerSecond), Now.AddDays(30).AddTicks(-Now.Ticks % TimeSpan.TicksPerSecond)), (check.Payload.Issued, check.Payload.Expires));
    }

    [Fact]
    public void GivesEveryLinkItsOwnId()
    {
        var links = new PortalLinks(Options.Create(PortalOptionsValidatorValidate.Valid()), new FakeTimeProvider(Now));

        Assert.NotEqual(links.Issue(new CustomerId("C-1"), "ap@acme.test", 30).LinkId, links.Issue(new CustomerId("C-1"), "ap@acme.test", 30).LinkId);
    }

    [Fact]
    public void RefusesTheLinkOnceThePolicyDaysHavePassed()
    {
        var time = new FakeTimeProvider(Now);
        var links = new PortalLinks(Options.Create(PortalOptionsValidatorValidate.Valid()), time);
        var link = links.Issue(new CustomerId("C-1"), "ap@acme.test", 7);

        time.Advance(TimeSpan.FromDays(7));

        Assert.Equal(PortalLinkStatus.Expired, links.Verify(link.Token).Status);
    }

    [Fact]
    public void OpensNothingGivenNoPortalConfigured()
    {
        var links = new PortalLinks(Options.Create(new PortalOptions()), new FakeTimeProvider(Now));

        Assert.False(links.IsConfigured);
        Assert.False(links.Verify("anything.at-all").IsValid);
        Assert.Throws<InvalidOperationException>(() => links.Issue(new CustomerId("C-1"), "ap@acme.test", 30));
    }
}
