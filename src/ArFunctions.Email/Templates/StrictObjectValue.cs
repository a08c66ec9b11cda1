using Fluid;
using Fluid.Values;

namespace ArFunctions.Email.Templates;

/// <summary>A template object with a fixed set of members; reading any other member is reported as an unknown variable.</summary>
internal sealed class StrictObjectValue(string path, IReadOnlyDictionary<string, FluidValue> members, ICollection<string> unknown) : ObjectValueBase(members)
{
    public override ValueTask<FluidValue> GetValueAsync(string name, TemplateContext context)
    {
        if (members.TryGetValue(name, out var value))
        {
            return ValueTask.FromResult(value);
        }

        unknown.Add($"{path}.{name}");
        return ValueTask.FromResult<FluidValue>(NilValue.Instance);
    }
}
