using System.Globalization;
using System.Text.Json.Nodes;

namespace ArFunctions.Infra.Tests.Infrastructure;

/// <summary>
/// Evaluates the small part of the ARM template language that decides which app settings exist for a hosting plan:
/// if, equals, not, union, createObject, null, true, false, variables and parameters. Anything else (format, resource
/// references, ...) is outside what a test can know before deployment and fails loudly. A parameter without a given
/// value evaluates to the text "parameters('name')", so objects that merely carry it can still be inspected.
/// </summary>
public sealed class ArmExpression
{
    private readonly JsonObject _variables;
    private readonly IReadOnlyDictionary<string, JsonNode?> _parameters;
    private string _text = "";
    private int _position;

    public ArmExpression(JsonObject variables, IReadOnlyDictionary<string, JsonNode?> parameters)
    {
        _variables = variables;
        _parameters = parameters;
    }

    /// <summary>A template value: strings in square brackets are expressions, anything else is itself.</summary>
    public JsonNode? Evaluate(JsonNode? value)
    {
        if (value is JsonValue jsonValue && jsonValue.TryGetValue<string>(out var text)
            && text.StartsWith('[') && !text.StartsWith("[[", StringComparison.Ordinal) && text.EndsWith(']'))
        {
            var inner = new ArmExpression(_variables, _parameters) { _text = text[1..^1], _position = 0 };
            var result = inner.ParseExpression();
            inner.SkipSpaces();
            if (inner._position != inner._text.Length)
            {
                throw new NotSupportedException($"Unexpected '{inner._text[inner._position..]}' in {text}.");
            }

            return result;
        }

        return value?.DeepClone();
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
        if (Peek() is '.' or '[')
        {
            throw new NotSupportedException($"Property access after {name}() in [{_text}].");
        }

        return Call(name, arguments);
    }

    private JsonNode? Call(string name, List<JsonNode?> arguments) => name switch
    {
        "if" => arguments[0]!.GetValue<bool>() ? arguments[1] : arguments[2],
        "equals" => JsonValue.Create(JsonNode.DeepEquals(arguments[0], arguments[1])),
        "not" => JsonValue.Create(!arguments[0]!.GetValue<bool>()),
        "true" => JsonValue.Create(true),
        "false" => JsonValue.Create(false),
        "null" => null,
        "createObject" => CreateObject(arguments),
        "union" => Union(arguments),
        "variables" => Evaluate(_variables[arguments[0]!.GetValue<string>()]),
        "parameters" => _parameters.TryGetValue(arguments[0]!.GetValue<string>(), out var parameter)
            ? parameter?.DeepClone()
            : JsonValue.Create($"parameters('{arguments[0]}')"),
        _ => throw new NotSupportedException($"{name}() cannot be evaluated before deployment."),
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
