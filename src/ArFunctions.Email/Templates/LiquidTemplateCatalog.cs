using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using ArFunctions.Application.Emails;
using ArFunctions.Application.Ports;
using DotLiquid;
using DotLiquid.Exceptions;

namespace ArFunctions.Email.Templates;

/// <summary>
/// The email templates the deployment ships: per template id three Liquid files, <c>{id}.subject.liquid</c>,
/// <c>{id}.html.liquid</c> and <c>{id}.txt.liquid</c>, embedded in this assembly. Every template is parsed and rendered
/// against <see cref="TemplateModel.Sample"/> when the catalog is built; a syntax error, an unknown variable or member,
/// an unknown filter or a missing part fails the build with every problem listed, so nothing fails at send time.
/// </summary>
public sealed partial class LiquidTemplateCatalog : ITemplateCatalog, IEmailRenderer
{
    internal static readonly string[] Parts = ["subject", "html", "txt"];

    private const string ResourcePrefix = "ArFunctions.Email.Templates.";
    private readonly Dictionary<string, Template[]> _templates;
    private readonly SenderSettings _sender;

    private LiquidTemplateCatalog(Dictionary<string, Template[]> templates, SenderSettings sender)
    {
        _templates = templates;
        _sender = sender;
        TemplateIds = templates.Keys.ToHashSet(StringComparer.Ordinal);
    }

    public IReadOnlySet<string> TemplateIds { get; }

    /// <summary>The catalog of the templates shipped in this assembly; throws <see cref="TemplateValidationException"/> listing every problem.</summary>
    public static LiquidTemplateCatalog LoadEmbedded(SenderSettings sender)
    {
        var assembly = typeof(LiquidTemplateCatalog).Assembly;
        var files = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".liquid", StringComparison.Ordinal))
            .ToDictionary(n => n[ResourcePrefix.Length..], n => Read(assembly, n), StringComparer.Ordinal);
        return Load(files, sender);
    }

    /// <summary>A catalog of <paramref name="files"/> (file name, e.g. <c>overdue.html.liquid</c>, to text), validated as described above.</summary>
    public static LiquidTemplateCatalog Load(IReadOnlyDictionary<string, string> files, SenderSettings sender)
    {
        var errors = new List<string>();
        var templates = new Dictionary<string, Template[]>(StringComparer.Ordinal);
        foreach (var id in TemplateIdsOf(files.Keys, errors))
        {
            var parts = new Template[Parts.Length];
            for (var i = 0; i < Parts.Length; i++)
            {
                var name = $"{id}.{Parts[i]}.liquid";
                if (!files.TryGetValue(name, out var text))
                {
                    errors.Add($"{name}: missing (each template needs {string.Join(", ", Parts.Select(p => $"{id}.{p}.liquid"))})");
                }
                else if (Parse(text, out var error) is { } template)
                {
                    parts[i] = template;
                    errors.AddRange(UnknownFilters(text).Concat(Validate(template, i, sender)).Select(e => $"{name}: {e}"));
                }
                else
                {
                    errors.Add($"{name}: syntax error: {error}");
                }
            }

            templates[id] = parts;
        }

        return errors.Count == 0 ? new LiquidTemplateCatalog(templates, sender) : throw new TemplateValidationException(errors);
    }

    public RenderedEmail? Render(string templateId, EmailContent content)
    {
        if (!_templates.TryGetValue(templateId, out var parts))
        {
            return null;
        }

        var unknown = new List<string>();
        var rendered = parts.Select((t, i) => RenderPart(t, i, content, _sender, unknown)).ToArray();
        return new RenderedEmail(rendered[0].Trim(), rendered[1], rendered[2]);
    }

    private static IEnumerable<string> Validate(Template template, int part, SenderSettings sender)
    {
        var unknown = new List<string>();
        try
        {
            RenderPart(template, part, TemplateModel.Sample, sender, unknown);
        }
        catch (LiquidException e)
        {
            return [$"render error: {e.Message}"];
        }

        return template.Errors.Select(e => $"render error: {e.Message}")
            .Concat(unknown.Distinct(StringComparer.Ordinal).Select(u => $"unknown variable '{u}'"));
    }

    private static string RenderPart(Template template, int part, EmailContent content, SenderSettings sender, List<string> unknown)
    {
        // Variables not in the model fall through to the second environment, which records them.
        var undefined = new Hash((_, name) =>
        {
            unknown.Add(name);
            return null;
        });
        var model = TemplateModel.Build(content, sender, unknown, part == 1 ? WebUtility.HtmlEncode : text => text);
        var context = new Context([model, undefined], new Hash(), new Hash(), ErrorsOutputMode.Rethrow, 0, CultureInfo.InvariantCulture, CancellationToken.None);
        return template.Render(RenderParameters.FromContext(context, CultureInfo.InvariantCulture));
    }

    /// <summary>DotLiquid passes a value through an unknown filter silently, so filter names are checked up front.</summary>
    private static IEnumerable<string> UnknownFilters(string text)
    {
        var strainer = Strainer.Create(new Context(CultureInfo.InvariantCulture));
        return MarkupRegex().Matches(text)
            .SelectMany(m => FilterRegex().Matches(QuotedRegex().Replace(m.Value, "")).Select(f => f.Groups[1].Value))
            .Where(f => !strainer.RespondTo(f))
            .Distinct(StringComparer.Ordinal)
            .Select(f => $"unknown filter '{f}'");
    }

    [GeneratedRegex(@"\{\{.*?\}\}|\{%.*?%\}", RegexOptions.Singleline)]
    private static partial Regex MarkupRegex();

    [GeneratedRegex(@"""[^""]*""|'[^']*'")]
    private static partial Regex QuotedRegex();

    [GeneratedRegex(@"\|\s*([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex FilterRegex();

    private static Template? Parse(string text, out string? error)
    {
        try
        {
            error = null;
            return Template.Parse(text);
        }
        catch (LiquidException e)
        {
            error = e.Message;
            return null;
        }
    }

    private static SortedSet<string> TemplateIdsOf(IEnumerable<string> fileNames, List<string> errors)
    {
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var name in fileNames)
        {
            var part = Parts.FirstOrDefault(p => name.EndsWith($".{p}.liquid", StringComparison.Ordinal));
            if (part is null)
            {
                errors.Add($"{name}: not a template part (expected <id>.{string.Join("|", Parts)}.liquid)");
            }
            else
            {
                ids.Add(name[..^($".{part}.liquid".Length)]);
            }
        }

        return ids;
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

/// <summary>The shipped templates are broken; <see cref="Errors"/> lists every problem, one line each with its file.</summary>
public sealed class TemplateValidationException(IReadOnlyList<string> errors)
    : Exception("Email templates are invalid:\n" + string.Join("\n", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
