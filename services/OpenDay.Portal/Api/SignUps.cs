using OpenDay.Events.V1;

namespace OpenDay.Portal.Api;

/// <summary>Whether the public may sign up now, as the page tells it; the registrations service decides for real.</summary>
public static class SignUps
{
    public static bool IsOpen(PublicEvent e, TimeProvider time)
    {
        var now = time.GetUtcNow();
        return e.PublicSignup
               && e.Status is EventStatus.Published or EventStatus.RegistrationOpen
               && (e.RegistrationOpensAt is null || e.RegistrationOpensAt.ToDateTimeOffset() <= now)
               && e.RegistrationClosesAt is { } closes && now < closes.ToDateTimeOffset();
    }

    /// <summary>One sentence on sign-up for the event page.</summary>
    public static string Describe(PublicEvent e, TimeProvider time)
    {
        var now = time.GetUtcNow();
        if (!e.PublicSignup) return "本场活动采用定向邀请，不开放社会报名。";
        if (e.Status is not (EventStatus.Published or EventStatus.RegistrationOpen)) return "本场活动的报名已结束。";
        if (e.RegistrationOpensAt is { } opens && now < opens.ToDateTimeOffset()) return $"社会报名将于 {ChinaDates.DateTime(opens)} 开始。";
        if (e.RegistrationClosesAt is { } closes && now >= closes.ToDateTimeOffset()) return $"社会报名已于 {ChinaDates.DateTime(closes)} 截止。";
        return $"社会报名进行中，截止时间：{ChinaDates.DateTime(e.RegistrationClosesAt)}。";
    }
}
