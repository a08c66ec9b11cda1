using ArFunctions.Application.Statements;
using ArFunctions.Email.Templates;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace ArFunctions.Email.Statements;

/// <summary>
/// A statement as an A4 PDF with real (extractable) text, dates and amounts written as the customer's locale writes
/// them (<see cref="CustomerFormat"/>, as the emails are): the open items, the unapplied credits, the payments of the
/// window, and per currency the aging and the balance due. Long lists continue on further pages.
/// </summary>
internal sealed class StatementPdf : IDisposable
{
    private const double Margin = 40;
    private const double LineHeight = 13;
    private static readonly XFont Title = new("Sans", 16, XFontStyleEx.Bold);
    private static readonly XFont Heading = new("Sans", 10, XFontStyleEx.Bold);
    private static readonly XFont Body = new("Sans", 8, XFontStyleEx.Regular);

    // Column layout of the tables: left edge, width, and whether the text is right-aligned (amounts, day counts).
    private static readonly (double X, double Width, bool Right)[] Columns =
        [(0, 95, false), (95, 70, false), (165, 70, false), (235, 75, true), (310, 75, true), (385, 65, true), (450, 30, true), (490, 25, false)];

    private readonly PdfDocument _document = new();
    private readonly CustomerFormat _format;
    private XGraphics _graphics = null!;
    private double _y;

    private StatementPdf(string locale)
    {
        _format = CustomerFormat.For(locale);
        NewPage();
    }

    public static byte[] Write(Statement statement)
    {
        if (!SystemFontResolver.Install())
        {
            throw new InvalidOperationException("No TrueType font for the statement PDF: install DejaVu Sans (Debian: fonts-dejavu-core) or Liberation Sans.");
        }

        using var pdf = new StatementPdf(statement.Locale);
        pdf.Render(statement);
        return pdf.Save();
    }

    public void Dispose()
    {
        _graphics.Dispose();
        _document.Dispose();
    }

    private void Render(Statement statement)
    {
        _document.Info.Title = $"Statement of account {statement.Customer.Id}";
        Line(Title, "Statement of account", 24);
        Line(Body, $"{statement.Customer.Name} ({statement.Customer.Id})");
        Line(Body, $"As of {_format.Date(statement.AsOf)}", LineHeight * 2);

        Line(Heading, "Open items", LineHeight * 1.5);
        Row(Heading, "Invoice", "Issued", "Due", "Amount", "Open", "Credit applied", "Days", "Status");
        foreach (var item in statement.OpenItems)
        {
            var i = item.Invoice;
            Row(Body, i.Id, _format.Date(i.IssueDate), _format.Date(i.DueDate), _format.Money(i.Amount, i.Currency), _format.Money(i.OpenAmount, i.Currency),
                _format.Money(i.CreditApplied, i.Currency), Math.Max(0, i.DaysPastDue).ToString(System.Globalization.CultureInfo.InvariantCulture), item.State);
        }

        Section("Credits not yet applied", statement.Credits.Count);
        foreach (var c in statement.Credits)
        {
            Row(Body, c.Id, _format.Date(c.On), c.Kind, "", _format.Money(c.Left, c.Currency), "", "", "");
        }

        Section($"Payments received since {_format.Date(statement.PaymentsSince)}", statement.Payments.Count);
        foreach (var p in statement.Payments)
        {
            Row(Body, p.Id, _format.Date(p.Date), p.InvoiceId, _format.Money(p.Amount, p.Currency), "", "", "", "");
        }

        foreach (var total in statement.Totals)
        {
            Section($"Aging ({total.Currency})", 1);
            foreach (var (bucket, amount) in StatementBuckets.Of(total))
            {
                Row(bucket == "balance-due" ? Heading : Body, BucketName(bucket), "", "", _format.Money(amount, total.Currency), "", "", "", "");
            }
        }
    }

    private void Section(string heading, int count)
    {
        _y += LineHeight;
        Line(Heading, heading, LineHeight * 1.5);
        if (count == 0)
        {
            Line(Body, "None.");
        }
    }

    private static string BucketName(string bucket) => bucket switch
    {
        "current" => "Not yet due",
        "90-plus" => "More than 90 days past due",
        "credits" => "Less credits",
        "balance-due" => "Balance due",
        _ => $"{bucket} days past due",
    };

    private void Line(XFont font, string text, double height = LineHeight)
    {
        Room(height);
        _graphics.DrawString(text, font, XBrushes.Black, new XPoint(Margin, _y + font.Size));
        _y += height;
    }

    private void Row(XFont font, params string[] cells)
    {
        Room(LineHeight);
        for (var c = 0; c < cells.Length; c++)
        {
            var (x, width, right) = Columns[c];
            var box = new XRect(Margin + x, _y, width - 4, LineHeight);
            _graphics.DrawString(cells[c], font, XBrushes.Black, box, right ? XStringFormats.TopRight : XStringFormats.TopLeft);
        }

        _y += LineHeight;
    }

    private void Room(double height)
    {
        if (_y + height > _document.Pages[^1].Height.Point - Margin)
        {
            _graphics.Dispose();
            NewPage();
        }
    }

    private void NewPage()
    {
        var page = _document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        _graphics = XGraphics.FromPdfPage(page);
        _y = Margin;
    }

    private byte[] Save()
    {
        _graphics.Dispose();
        using var buffer = new MemoryStream();
        _document.Save(buffer, closeStream: false);
        return buffer.ToArray();
    }
}
