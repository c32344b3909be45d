// Stand-in for Microsoft.Azure.Functions.Worker.Extensions.Abstractions: the base binding attributes.
namespace Microsoft.Azure.Functions.Worker;

[AttributeUsage(AttributeTargets.Method)]
public class FunctionAttribute : Attribute
{
    public FunctionAttribute(string name) => Name = name;

    public string Name { get; }
}

[AttributeUsage(AttributeTargets.Method)]
public abstract class BindingAttribute : Attribute
{
}

[AttributeUsage(AttributeTargets.Parameter)]
public abstract class TriggerBindingAttribute : BindingAttribute
{
}

[AttributeUsage(AttributeTargets.Parameter)]
public abstract class InputBindingAttribute : BindingAttribute
{
}

[AttributeUsage(AttributeTargets.Method | AttributeTargets.Property)]
public abstract class OutputBindingAttribute : BindingAttribute
{
}
