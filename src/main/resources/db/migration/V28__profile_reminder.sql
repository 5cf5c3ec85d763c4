-- "Finish your profile": a learner who joined a course and left the profile unfinished is reminded once, since only
-- complete profiles are matched. profile_reminded_at: when that notice went out (null until then).
alter table enrolment add column profile_reminded_at timestamp with time zone;
