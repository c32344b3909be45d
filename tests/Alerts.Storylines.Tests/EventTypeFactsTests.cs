using Alerts.Core;

namespace Alerts.Storylines.Tests;

/// <summary>The storyline rules take their facts about event types from <see cref="EventTypeInfo"/>, the one table.</summary>
public sealed class EventTypeFactsTests
{
    [Fact]
    public void StatusOf_EveryType_HasAStorylineStatusExactlyWhenEventTypeInfoSaysItIsAStatus()
    {
        foreach (var type in Enum.GetValues<EventType>())
        {
            Assert.Equal(EventTypeInfo.Of(type).IsStatus, StorylineRules.StatusOf(type) is not null);
            Assert.Equal(EventTypeInfo.Of(type).Label, AlertRecordBuilder.Label(type));
        }
    }
}
