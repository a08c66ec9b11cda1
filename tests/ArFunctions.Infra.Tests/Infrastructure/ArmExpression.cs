using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ArFunctions.Infra.Tests.Infrastructure;

/// <summary>
/// Evaluates the small part of the ARM template language that decides which app settings exist and what they hold:
/// if, equals, not, or, and, union, createObject, null, true, false, format, string, empty, replace, base64, guid (a stand-in),
/// variables, parameters, reference (through a resolver) and property access. Anything else (uniqueString, newGuid, resource ids, ...) is outside what a test can
/// know before deployment and fails loudly. With the dictionary constructor a parameter without a given value
/// evaluates to the text "parameters('name')", so objects that merely carry it can still be inspected, and only the
/// top-level expression is evaluated; <see cref="Deep"/> evaluates every nested value too.
/// </summary>
public sealed class ArmExpression
{
    private readonly JsonObject _variables;
    private readonly Func<string, JsonNode?> _parameter;
    private readonly Func<string, JsonNode?>? _reference;
    private readonly bool _deep;
    private string _text = "";
    private int _position;

    public ArmExpression(JsonObject variables, IReadOnlyDictionary<string, JsonNode?> parameters)
        : this(variables, name => parameters.TryGetValue(name, out var value) ? value?.DeepClone() : JsonValue.Create($"parameters('{name}')"), null, deep: false)
    {
    }

    private ArmExpression(JsonObject variables, Func<string, JsonNode?> parameter, Func<string, JsonNode?>? reference, bool deep)
    {
        _variables = variables;
        _parameter = parameter;
        _reference = reference;
        _deep = deep;
    }

    /// <summary>
    /// An evaluator that evaluates nested values as well. <paramref name="parameter"/> gives a parameter's value (and
    /// throws for one it cannot know); <paramref name="reference"/> gives what <c>reference('symbolicName')</c> returns
    /// (a module's <c>{ outputs: { name: { value } } }</c>).
    /// </summary>
    public static ArmExpression Deep(JsonObject variables, Func<string, JsonNode?> parameter, Func<string, JsonNode?> reference) =>
        new(variables, parameter, reference, deep: true);

    /// <summary>A template value: strings in square brackets are expressions, anything else is itself.</summary>
    public JsonNode? Evaluate(JsonNode? value)
    {
        if (value is JsonValue jsonValue && jsonValue.TryGetValue<string>(out var text)
            && text.StartsWith('[') && !text.StartsWith("[[", StringComparison.Ordinal) && text.EndsWith(']'))
        {
            var inner = new ArmExpression(_variables, _parameter, _reference, _deep) { _text = text[1..^1], _position = 0 };
            var result = inner.ParseExpression();
            inner.SkipSpaces();
            if (inner._position != inner._text.Length)
            {
                throw new NotSupportedException($"Unexpected '{inner._text[inner._position..]}' in {text}.");
            }

            return _deep ? EvaluateChildren(result) : result;
        }

        return _deep ? EvaluateChildren(value?.DeepClone()) : value?.DeepClone();
    }

    private JsonNode? EvaluateChildren(JsonNode? value)
    {
        switch (value)
        {
            case JsonObject obj:
                var evaluated = new JsonObject();
                foreach (var (key, child) in obj)
                {
                    evaluated[key] = Evaluate(child);
                }

                return evaluated;
            case JsonArray array:
                return new JsonArray([.. array.Select(Evaluate)]);
            default:
                return value;
        }
    }

    private JsonNode? ParseExpression()
    {
        SkipSpaces();
        if (Peek() == '\'')
        {
            return JsonValue.Create(ParseString());
        }

        if (char.IsAsciiDigit(Peek()) || Peek() == '-')
        {
            var start = _position++;
            while (char.IsAsciiDigit(Peek()))
            {
                _position++;
            }

            return JsonValue.Create(long.Parse(_text[start.._position], CultureInfo.InvariantCulture));
        }

        var nameStart = _position;
        while (char.IsAsciiLetterOrDigit(Peek()))
        {
            _position++;
        }

        var name = _text[nameStart.._position];
        Expect('(');
        var arguments = new List<JsonNode?>();
        SkipSpaces();
        while (Peek() != ')')
        {
            arguments.Add(ParseExpression());
            SkipSpaces();
            if (Peek() == ',')
            {
                _position++;
            }
        }

        Expect(')');
        var result = Call(name, arguments);
        while (Peek() == '.')
        {
            _position++;
            var propertyStart = _position;
            while (char.IsAsciiLetterOrDigit(Peek()) || Peek() == '_')
            {
                _position++;
            }

            var property = _text[propertyStart.._position];
            result = result is JsonObject obj && obj.TryGetPropertyValue(property, out var child)
                ? child?.DeepClone()
                : throw new NotSupportedException($"No property '{property}' after {name}() in [{_text}].");
        }

        if (Peek() == '[')
        {
            throw new NotSupportedException($"Index access after {name}() in [{_text}].");
        }

        return result;
    }

    private JsonNode? Call(string name, List<JsonNode?> arguments) => name switch
    {
        "if" => arguments[0]!.GetValue<bool>() ? arguments[1] : arguments[2],
        "equals" => JsonValue.Create(JsonNode.DeepEquals(arguments[0], arguments[1])),
        "not" => JsonValue.Create(!arguments[0]!.GetValue<bool>()),
        "or" => JsonValue.Create(arguments.Any(a => a!.GetValue<bool>())),
        "and" => JsonValue.Create(arguments.All(a => a!.GetValue<bool>())),
        "true" => JsonValue.Create(true),
        "false" => JsonValue.Create(false),
        "null" => null,
        "createObject" => CreateObject(arguments),
        "union" => Union(arguments),
        "format" => JsonValue.Create(Format(arguments)),
        "empty" => JsonValue.Create(arguments[0] switch
        {
            null => true,
            JsonObject obj => obj.Count == 0,
            JsonArray array => array.Count == 0,
            var other => Text(other).Length == 0,
        }),
        "replace" => JsonValue.Create(Text(arguments[0]).Replace(Text(arguments[1]), Text(arguments[2]), StringComparison.Ordinal)),
        "base64" => JsonValue.Create(Convert.ToBase64String(Encoding.UTF8.GetBytes(Text(arguments[0])))),
        "guid" => JsonValue.Create(StandInGuid(arguments)),
        "string" => JsonValue.Create(Text(arguments[0])),
        "variables" => Evaluate(_variables[arguments[0]!.GetValue<string>()]),
        "parameters" => _parameter(arguments[0]!.GetValue<string>()),
        "reference" when _reference is not null => _reference(arguments[0]!.GetValue<string>()),
        _ => throw new NotSupportedException($"{name}() cannot be evaluated before deployment."),
    };

    /// <summary>
    /// Stands for ARM's guid(): deterministic in its arguments and shaped like a guid, but not ARM's algorithm, so a test
    /// can check what is built from a guid, never the value Azure would compute.
    /// </summary>
    private static string StandInGuid(List<JsonNode?> arguments)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", arguments.Select(Text))));
        return new Guid(hash.AsSpan(0, 16)).ToString("D");
    }

    private static string Format(List<JsonNode?> arguments)
    {
        var text = arguments[0]!.GetValue<string>();
        for (var i = 1; i < arguments.Count; i++)
        {
            text = text.Replace("{" + (i - 1).ToString(CultureInfo.InvariantCulture) + "}", Text(arguments[i]), StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>What ARM's string() gives: text as is, numbers invariant, booleans lower-case, objects as JSON.</summary>
    private static string Text(JsonNode? value) => value switch
    {
        JsonValue v when v.TryGetValue<string>(out var text) => text,
        JsonValue v when v.TryGetValue<bool>(out var flag) => flag ? "true" : "false",
        JsonValue v => v.ToJsonString(),
        null => "",
        _ => value.ToJsonString(),
    };

    private static JsonObject CreateObject(List<JsonNode?> arguments)
    {
        var result = new JsonObject();
        for (var i = 0; i + 1 < arguments.Count; i += 2)
        {
            result[arguments[i]!.GetValue<string>()] = arguments[i + 1];
        }

        return result;
    }

    // Top-level keys are all a test needs; ARM also merges nested objects, which no app setting has.
    private static JsonObject Union(List<JsonNode?> arguments)
    {
        var result = new JsonObject();
        foreach (var argument in arguments)
        {
            foreach (var (key, value) in argument!.AsObject())
            {
                result[key] = value?.DeepClone();
            }
        }

        return result;
    }

    private string ParseString()
    {
        Expect('\'');
        var start = _position;
        var text = "";
        while (true)
        {
            if (_position >= _text.Length)
            {
                throw new NotSupportedException($"Unterminated string in [{_text}].");
            }

            if (_text[_position] == '\'')
            {
                text += _text[start.._position];
                _position++;
                if (Peek() != '\'')
                {
                    return text;
                }

                text += "'";
                start = ++_position;
                continue;
            }

            _position++;
        }
    }

    private void Expect(char expected)
    {
        SkipSpaces();
        if (Peek() != expected)
        {
            throw new NotSupportedException($"Expected '{expected}' at {_position} in [{_text}].");
        }

        _position++;
    }

    private void SkipSpaces()
    {
        while (Peek() == ' ')
        {
            _position++;
        }
    }

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';
}
