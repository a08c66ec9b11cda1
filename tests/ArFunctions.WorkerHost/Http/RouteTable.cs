using System.Text.Json;

namespace ArFunctions.WorkerHost.Http;

/// <summary>
/// The HTTP-trigger routes as the host registers them: <c>{routePrefix}/{route ?? functionName}</c>, matched
/// case-insensitively; <c>{name}</c>, optional <c>{name?}</c> and catch-all <c>{*name}</c> parameters (constraints after
/// <c>:</c> are read but not enforced); a literal segment beats a parameter, a parameter beats a catch-all.
/// </summary>
internal sealed class RouteTable
{
    private readonly IReadOnlyList<HttpRoute> _routes;

    public RouteTable(IEnumerable<LoadedFunction> functions, string routePrefix)
    {
        _routes = [.. functions
            .Where(f => string.Equals(f.TriggerType, "httpTrigger", StringComparison.OrdinalIgnoreCase))
            .Select(f => HttpRoute.From(f, routePrefix))
            .OrderBy(r => r.Precedence, StringComparer.Ordinal)];
    }

    public IReadOnlyList<HttpRoute> Routes => _routes;

    /// <summary>
    /// The best route for <paramref name="path"/> that allows <paramref name="method"/>, with its route values;
    /// <see cref="RouteMatch.MethodNotAllowed"/> when only other methods match the path; null when nothing does.
    /// </summary>
    public RouteMatch? Match(string method, string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        var pathMatched = false;
        foreach (var route in _routes)
        {
            if (route.TryMatch(segments) is not { } values)
            {
                continue;
            }

            if (route.Allows(method))
            {
                return new RouteMatch(route, values, false);
            }

            pathMatched = true;
        }

        return pathMatched ? new RouteMatch(null, new Dictionary<string, string>(), true) : null;
    }
}

/// <summary>A route lookup: the route and its values, or only the fact that the path exists for other methods.</summary>
internal sealed record RouteMatch(HttpRoute? Route, IReadOnlyDictionary<string, string> Values, bool MethodNotAllowed);

/// <summary>One HTTP-trigger function's route, methods (empty = any) and auth level.</summary>
internal sealed record HttpRoute(LoadedFunction Function, IReadOnlyList<RouteSegment> Segments, IReadOnlySet<string> Methods, string AuthLevel)
{
    /// <summary>Sorts routes so that earlier segments decide: literal (0) before parameter (1), optional (2), catch-all (3).</summary>
    public string Precedence => string.Concat(Segments.Select(s => s.Kind switch
    {
        SegmentKind.Literal => '0',
        SegmentKind.Parameter => '1',
        SegmentKind.Optional => '2',
        _ => '3',
    })) + "~";

    /// <summary>Whether the host demands a key: every level but anonymous.</summary>
    public bool RequiresKey => !string.Equals(AuthLevel, "anonymous", StringComparison.OrdinalIgnoreCase);

    public bool Allows(string method) => Methods.Count == 0 || Methods.Contains(method);

    public static HttpRoute From(LoadedFunction function, string routePrefix)
    {
        var trigger = function.Trigger!.Value;
        var route = String(trigger, "route") ?? function.Name;
        var template = string.IsNullOrEmpty(routePrefix) ? route : $"{routePrefix}/{route}";
        var segments = template.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(RouteSegment.Parse).ToArray();
        var methods = trigger.TryGetProperty("methods", out var m) && m.ValueKind == JsonValueKind.Array
            ? m.EnumerateArray().Select(x => x.GetString() ?? "").Where(x => x.Length > 0)
            : [];
        var set = new HashSet<string>(methods, StringComparer.OrdinalIgnoreCase);
        return new HttpRoute(function, segments, set, String(trigger, "authLevel") ?? "function");
    }

    /// <summary>The route values when <paramref name="path"/> fits this template, else null.</summary>
    public Dictionary<string, string>? TryMatch(IReadOnlyList<string> path)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Segments.Count; i++)
        {
            var segment = Segments[i];
            if (segment.Kind == SegmentKind.CatchAll)
            {
                values[segment.Name] = string.Join('/', path.Skip(i));
                return values;
            }

            if (i >= path.Count)
            {
                return segment.Kind == SegmentKind.Optional && Segments.Skip(i).All(s => s.Kind != SegmentKind.Literal) ? values : null;
            }

            if (segment.Kind == SegmentKind.Literal)
            {
                if (!string.Equals(segment.Name, path[i], StringComparison.OrdinalIgnoreCase))
                {
                    return null;
                }
            }
            else
            {
                values[segment.Name] = path[i];
            }
        }

        return path.Count == Segments.Count ? values : null;
    }

    private static string? String(JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.String)
            {
                return property.Value.GetString();
            }
        }

        return null;
    }
}

internal enum SegmentKind
{
    Literal,
    Parameter,
    Optional,
    CatchAll,
}

/// <summary>A template segment: a literal, or a parameter by name (its constraint and default dropped).</summary>
internal sealed record RouteSegment(SegmentKind Kind, string Name)
{
    public static RouteSegment Parse(string text)
    {
        if (!(text.StartsWith('{') && text.EndsWith('}')))
        {
            return new RouteSegment(SegmentKind.Literal, text);
        }

        var inner = text[1..^1];
        var catchAll = inner.StartsWith('*');
        inner = inner.TrimStart('*');
        var optional = inner.EndsWith('?');
        var name = inner.TrimEnd('?').Split(':', '=')[0];
        var kind = catchAll ? SegmentKind.CatchAll : optional ? SegmentKind.Optional : SegmentKind.Parameter;
        return new RouteSegment(kind, name);
    }
}
