using ArFunctions.Application.Portal;
using ArFunctions.Domain.Common;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ArFunctions.Application.Tests.Portal;

public class PortalAccessOpen
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
    private readonly InMemoryRevocations _revocations = new();
    private readonly PortalLinks _links;
    private readonly PortalAccess _access;

    public PortalAccessOpen()
    {
        var options = Options.Create(PortalOptionsValidatorValidate.Valid());
        options.Value.RequestsPerMinute = 3;
        _links = new PortalLinks(options, _time);
        _access = new PortalAccess(_links, new PortalRateLimiter(options, _time), _revocations);
    }

    private IssuedPortalLink Issue(string customer = "C-1") => _links.Issue(new CustomerId(customer), "ap@acme.test", 30);

    [Fact]
    public async Task OpensTheLinksCustomerGivenAValidLink()
    {
        var link = Issue();

        var result = await _access.OpenAsync(link.Token, CancellationToken.None);

        Assert.Equal((PortalAccessStatus.Open, "C-1"), (result.Status, result.Link!.CustomerId.Value));
    }

    [Fact]
    public async Task RefusesWithNoCustomerGivenAForgedOrExpiredLink()
    {
        var link = Issue();
        var forged = await _access.OpenAsync(link.Token[..^3] + "abc", CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(30));
        var expired = await _access.OpenAsync(link.Token, CancellationToken.None);

        Assert.Equal((PortalAccessStatus.Invalid, null), (forged.Status, forged.Link));
        Assert.Equal((PortalAccessStatus.Expired, null), (expired.Status, expired.Link));
    }

    [Fact]
    public async Task RefusesOnlyThatLinkGivenItsIdRevoked()
    {
        var revoked = Issue();
        var other = Issue();
        await _revocations.RevokeAsync(new PortalRevocation(new CustomerId("C-1"), revoked.LinkId, _time.GetUtcNow(), "test"), CancellationToken.None);

        Assert.Equal(PortalAccessStatus.Revoked, (await _access.OpenAsync(revoked.Token, CancellationToken.None)).Status);
        Assert.Equal(PortalAccessStatus.Open, (await _access.OpenAsync(other.Token, CancellationToken.None)).Status);
    }

    [Fact]
    public async Task RefusesEveryLinkSentSoFarButOpensLaterOnesGivenTheWholeCustomerRevoked()
    {
        var before = Issue();
        var otherCustomer = Issue("C-2");
        await _revocations.RevokeAsync(new PortalRevocation(new CustomerId("C-1"), null, _time.GetUtcNow(), "test"), CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(1));
        var after = Issue();

        Assert.Equal(PortalAccessStatus.Revoked, (await _access.OpenAsync(before.Token, CancellationToken.None)).Status);
        Assert.Equal(PortalAccessStatus.Open, (await _access.OpenAsync(otherCustomer.Token, CancellationToken.None)).Status);
        Assert.Equal(PortalAccessStatus.Open, (await _access.OpenAsync(after.Token, CancellationToken.None)).Status);
    }

    [Fact]
    public async Task LimitsEachLinkToItsRateAndRefillsItOverTheMinute()
    {
        var link = Issue();
        var other = Issue();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(PortalAccessStatus.Open, (await _access.OpenAsync(link.Token, CancellationToken.None)).Status);
        }

        var limited = await _access.OpenAsync(link.Token, CancellationToken.None);
        var otherLink = await _access.OpenAsync(other.Token, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(20));
        var refilled = await _access.OpenAsync(link.Token, CancellationToken.None);

        Assert.Equal((PortalAccessStatus.RateLimited, TimeSpan.FromSeconds(20)), (limited.Status, limited.RetryAfter));
        Assert.Equal(PortalAccessStatus.Open, otherLink.Status);
        Assert.Equal(PortalAccessStatus.Open, refilled.Status);
    }

    private sealed class InMemoryRevocations : IPortalRevocationStore
    {
        private readonly List<PortalRevocation> _rows = [];

        public Task RevokeAsync(PortalRevocation revocation, CancellationToken cancellationToken)
        {
            _rows.RemoveAll(r => r.CustomerId == revocation.CustomerId && r.LinkId == revocation.LinkId);
            _rows.Add(revocation);
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<PortalRevocation>> OfCustomerAsync(CustomerId customerId, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<PortalRevocation>>(_rows.Where(r => r.CustomerId == customerId).ToList());
    }
}
