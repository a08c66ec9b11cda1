using System.Diagnostics;
using System.Globalization;
using ArFunctions.Benchmarks.DailyRun;
using ArFunctions.Domain.Invoices;
using ArFunctions.Local;
using ArFunctions.Samples;
using ArFunctions.Storage.Stores;
using ArFunctions.Storage.Tables;
using Azure.Data.Tables;

namespace ArFunctions.Benchmarks.History;

/// <summary>
/// <c>history [--customers N] [--days N] [--shards N] [--connection-string CS]</c>: whether a daily run's cost grows with
/// the history behind it (issue 18, item 1). Seeds a portfolio with a year of paid history, then lives
/// <c>--days</c> days of it on Azurite: every day each customer is invoiced about monthly (at its credit terms), pays
/// each invoice on its due date plus its usual lateness, and the daily run runs, archive and all. At day 30, 100, 200
/// and 400 (and the last day) it prints, per open invoice, the rows the run's reads returned and the entities it wrote
/// (the archive's copies and deletes included), the run's time, and the rows in the scanned tables and in the archive
/// tables: without the archive, a run would scan both.
/// </summary>
public static class HistoryGrowthCommand
{
    private static readonly DateOnly Start = new(2025, 11, 1);
    private static readonly int[] Checkpoints = [30, 100, 200, 400];
    private static readonly string[] Scanned = [StorageTables.Invoices, StorageTables.Payments, StorageTables.Interactions, StorageTables.Ledger];

    public static async Task<int> RunAsync(string[] args)
    {
        var arguments = new CommandArgs(args);
        var (customers, days, shards) = (arguments.Int("--customers", 300), arguments.Int("--days", 400), arguments.Int("--shards", 8));
        var given = arguments.Text("--connection-string");
        await using var azurite = given is null ? await LocalAzurite.StartAsync() : null;
        var connectionString = given ?? azurite!.ConnectionString;
        var prefix = "hist" + Guid.NewGuid().ToString("N")[..8];
        Console.WriteLine($"history: {customers:N0} customers, {days} days from {Start:yyyy-MM-dd}, {shards} shards");

        var portfolio = PortfolioGenerator.Generate(new PortfolioOptions
        {
            Customers = customers,
            OpenInvoicesPerCustomer = 1.5,
            PaidInvoicesPerCustomer = 12,
            Seed = 2026,
            AsOf = Start,
        });
        var counter = new WriteCounter(shards);
        await using var pipeline = await CountingPipeline.StartAsync(connectionString, shards, prefix, counter);
        await pipeline.SeedAsync(portfolio.Customers, portfolio.Invoices, portfolio.Payments, portfolio.Interactions, CancellationToken.None);
        var life = new PortfolioLife(portfolio, Start, 2026);
        var service = new TableServiceClient(connectionString);

        Console.WriteLine("day  date        open  read/open  written/open  run s   scanned tables  archive tables  read without archive/open");
        var printed = new List<(int Day, double ReadPerOpen)>();
        for (var day = 1; day <= days; day++)
        {
            var asOf = Start.AddDays(day);
            var (issued, paid) = life.Live(asOf);
            await pipeline.Get<InvoiceStore>().UpsertAsync(issued, CancellationToken.None);
            await pipeline.RecordPaidInFullAsync(paid, asOf, CancellationToken.None);

            counter.Reset();
            var clock = Stopwatch.StartNew();
            var run = await pipeline.RunDayAsync(asOf, 4, CancellationToken.None);
            var seconds = clock.Elapsed.TotalSeconds;
            if (!Checkpoints.Contains(day) && day != days)
            {
                continue;
            }

            var open = run.Counts!.OpenInvoices;
            var scanned = await CountAsync(service, prefix, Scanned);
            var archived = await CountAsync(service, prefix, Scanned.Select(StorageTables.ArchiveOf));
            var readPerOpen = (double)counter.RowsRead / open;
            printed.Add((day, readPerOpen));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{day,3}  {asOf:yyyy-MM-dd}  {open,5}  {readPerOpen,9:0.00}  {(double)counter.TotalEntities / open,12:0.00}  {seconds,5:0.00}  {scanned,14:N0}  {archived,14:N0}  {(counter.RowsRead + archived) / (double)open,9:0.00}"));
        }

        if (printed.Count > 1)
        {
            var first = printed[0];
            var last = printed[^1];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"rows read per open invoice, day {last.Day} / day {first.Day} = {last.ReadPerOpen / first.ReadPerOpen:0.00}"));
        }

        return 0;
    }

    private static async Task<long> CountAsync(TableServiceClient service, string prefix, IEnumerable<string> tables)
    {
        var rows = 0L;
        foreach (var table in tables)
        {
            var client = service.GetTableClient(prefix + table);
            await client.CreateIfNotExistsAsync();
            await foreach (var page in client.QueryAsync<TableEntity>(select: ["RowKey"], maxPerPage: 1000).AsPages())
            {
                rows += page.Values.Count;
            }
        }

        return rows;
    }
}

/// <summary>
/// A portfolio's invoices issued and paid day after day: each customer is invoiced with a probability of 1 in 30 a day,
/// due at its credit terms, and pays each invoice in full on its due date plus a lateness drawn from its payer profile
/// (an invoice seen already late pays within its profile's usual lateness from then). Disputed invoices are paid too:
/// the life of the history matters here, not the chase. Seeded and deterministic.
/// </summary>
internal sealed class PortfolioLife
{
    private readonly Portfolio _portfolio;
    private readonly Random _random;
    private readonly List<(Invoice Invoice, DateOnly PaysOn)> _open = [];
    private int _issued;

    public PortfolioLife(Portfolio portfolio, DateOnly start, int seed)
    {
        _portfolio = portfolio;
        _random = new Random(seed);
        for (var c = 0; c < portfolio.Customers.Length; c++)
        {
            foreach (var invoice in portfolio.InvoicesOf(c))
            {
                if (invoice.Status == InvoiceStatus.Open)
                {
                    _open.Add((invoice, PaysOn(c, invoice, start)));
                }
            }
        }
    }

    /// <summary>The invoices issued on <paramref name="day"/>, and those paid in full on it.</summary>
    public (IReadOnlyList<Invoice> Issued, IReadOnlyList<Invoice> Paid) Live(DateOnly day)
    {
        var paid = _open.Where(o => o.PaysOn <= day).Select(o => o.Invoice).ToList();
        _open.RemoveAll(o => o.PaysOn <= day);
        var issued = new List<Invoice>();
        for (var c = 0; c < _portfolio.Customers.Length; c++)
        {
            if (_random.NextDouble() >= 1.0 / 30)
            {
                continue;
            }

            var customer = _portfolio.Customers[c];
            var amount = Math.Round((decimal)(400 + (_random.NextDouble() * 4_000)), 2);
            var template = _portfolio.InvoicesOf(c).Length > 0 ? _portfolio.InvoicesOf(c)[0] : null;
            var invoice = new Invoice
            {
                Id = new Domain.Common.InvoiceId($"LIFE-{++_issued:D7}"),
                CustomerId = customer.Id,
                IssueDate = day,
                DueDate = day.AddDays(customer.CreditTermsDays),
                Amount = amount,
                OpenAmount = amount,
                Currency = template?.Currency ?? new Domain.Common.CurrencyCode("USD"),
            };
            issued.Add(invoice);
            _open.Add((invoice, PaysOn(c, invoice, day)));
        }

        return (issued, paid);
    }

    private DateOnly PaysOn(int customer, Invoice invoice, DateOnly seen)
    {
        var profile = _portfolio.Profiles[customer];
        var late = Math.Max(-5, (int)Math.Round(PortfolioGenerator.Normal(_random, profile.MeanDaysLate, profile.Spread)));
        var on = invoice.DueDate.AddDays(late);
        return on > seen ? on : seen.AddDays(1 + _random.Next(Math.Max(2, (int)profile.MeanDaysLate)));
    }
}
