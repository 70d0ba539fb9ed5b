/**
 * What a referral (alias `r`) names: an activity (`a`) or a buddy scheme (`bs`). Every list,
 * message and summary that titles a referral joins and titles it the same way.
 */
export const JOIN_REFERRAL_TARGET = 'left join activities a on a.id = r.activity_id left join buddy_schemes bs on bs.id = r.buddy_scheme_id';

/** The activity's title, or for a buddy-scheme referral "<name> (buddy scheme)"; null when the activity is gone. */
export const REFERRAL_TARGET_TITLE = "coalesce(a.title, bs.name || ' (buddy scheme)')";
