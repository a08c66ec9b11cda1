using ArFunctions.Application.Ports;
using ArFunctions.Domain.Policies;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using UglyToad.PdfPig;

namespace ArFunctions.Email.Tests;

/// <summary>Policy <c>emails.attachStatement</c>: the listed templates' emails carry the statement PDF, the others none.</summary>
public sealed partial class SendEmailHandle
{
    [Fact]
    public async Task AttachesTheStatementPdfListingTheOpenInvoicesGivenTheTemplateIsListed()
    {
        await RestartAsync(null, s => s.AddSingleton<IPolicySource>(new AttachingPolicy("overdue")));
        var message = await PlanAsync();

        Assert.IsType<Application.Emails.SendEmailResult.Sent>(await Handle(message));

        using var mime = await MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(_outbox, "*.eml")));
        var attachment = Assert.IsType<MimePart>(Assert.Single(mime.Attachments));
        Assert.Equal("application/pdf", attachment.ContentType.MimeType);
        Assert.StartsWith("statement-C-100-", attachment.FileName, StringComparison.Ordinal);
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content);
        using var pdf = PdfDocument.Open(content.ToArray());
        var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.All(Invoices, i => Assert.Contains(i.Id.Value, text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AttachesNothingGivenTheTemplateIsNotListed()
    {
        await RestartAsync(null, s => s.AddSingleton<IPolicySource>(new AttachingPolicy("final")));
        var message = await PlanAsync();

        Assert.IsType<Application.Emails.SendEmailResult.Sent>(await Handle(message));

        using var mime = await MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(_outbox, "*.eml")));
        Assert.Empty(mime.Attachments);
    }

    /// <summary>The sample policy with <c>emails.attachStatement</c> listing <paramref name="template"/>.</summary>
    private sealed class AttachingPolicy(string template) : IPolicySource
    {
        public CollectionPolicy Current { get; } = PolicyLoader.Load(
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "config", "policy.sample.json"))
                .Replace("\"promises\":", $"\"emails\": {{ \"attachStatement\": [\"{template}\"] }},\n  \"promises\":", StringComparison.Ordinal)).Policy!;
    }
}
