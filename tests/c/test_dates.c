/* test_dates.c: day arithmetic, the date scanner and date resolution. */
#include <stdlib.h>

#include "test.h"

/* Short names for the tables below. */
#define NR GAVEL_TENSE_NEAREST
#define PA GAVEL_TENSE_PAST
#define FU GAVEL_TENSE_FUTURE
#define ABS GAVEL_REL_NONE
#define DAYS GAVEL_REL_DAYS
#define WDAY GAVEL_REL_WEEKDAY
#define WITHIN GAVEL_REL_WITHIN
#define ENT GAVEL_F_ENTRY
#define EXP GAVEL_F_EXPIRY
#define SET GAVEL_F_SETTING

/* One line: how many DATE items, and the first one's span (as text: its
** first occurrence in the line) and spec. */
typedef struct {
  const char *line;
  int n;            /* DATE items on the line */
  const char *span; /* text of the first DATE item */
  int y, m, d, minute;
  int rel, amount, weekday, tense;
  unsigned flags;
} drow;

/* An absolute date: y, m, d, minute, then tense and flags. */
#define A4(y, m, d, min) y, m, d, min, ABS, 0, -1
/* A relative date: rel, amount, weekday. */
#define R3(rel, amt, wd) 0, 0, 0, -1, rel, amt, wd
#define NONE NULL, 0, 0, 0, -1, 0, 0, -1, NR, 0

static const drow rows[] = {
    /* ISO */
    {"## 2025-03-14", 1, "2025-03-14", A4(2025, 3, 14, -1), FU, ENT},
    {"2025-03-14: called ADA", 1, "2025-03-14", A4(2025, 3, 14, -1), FU, ENT},
    {"Trial set for 2025-05-05.", 1, "2025-05-05", A4(2025, 5, 5, -1), FU, SET},
    {"met on 2025-3-4 at 9:30", 1, "2025-3-4 at 9:30", A4(2025, 3, 4, 570), PA, 0},
    {"2025/03/14 call", 1, "2025/03/14", A4(2025, 3, 14, -1), FU, ENT},
    {"stamp 2025-03-14T09:30 file", 1, "2025-03-14T09:30", A4(2025, 3, 14, 570), NR, 0},
    {"2024-02-29 leap day", 1, "2024-02-29", A4(2024, 2, 29, -1), FU, ENT},
    {"2025-03-14 9:00 AM call", 1, "2025-03-14 9:00 AM", A4(2025, 3, 14, 540), FU, ENT},
    {"  2025-03-14 indented", 1, "2025-03-14", A4(2025, 3, 14, -1), NR, 0},
    {"deadline 2025-02-29", 0, NONE},
    {"see 2025-13-01", 0, NONE},
    {"see 2025-04-31", 0, NONE},
    {"discovery/2025-03-14.pdf", 0, NONE},
    {"REF-2025-03-14", 0, NONE},
    {"file_2025-03-14_x", 0, NONE},
    {"2025-03-14-02 id", 0, NONE},
    {"1850-03-14 old", 0, NONE},

    /* US numeric */
    {"3/14/25 — offer", 1, "3/14/25", A4(2025, 3, 14, -1), FU, ENT},
    {"3/14/25 - called", 1, "3/14/25", A4(2025, 3, 14, -1), FU, ENT},
    {"3/14/2025 - called", 1, "3/14/2025", A4(2025, 3, 14, -1), FU, ENT},
    {"3/14 called ADA, VM", 1, "3/14", A4(0, 3, 14, -1), FU, ENT},
    {"3/4 called ADA", 1, "3/4", A4(0, 3, 4, -1), FU, ENT},
    {"3/14", 1, "3/14", A4(0, 3, 14, -1), FU, ENT},
    {"  3/14 called ADA", 1, "3/14", A4(0, 3, 14, -1), NR, 0},
    {"    3/14/25 — x", 1, "3/14/25", A4(2025, 3, 14, -1), NR, 0},
    {"Spoke w/ ADA on 3/4", 1, "3/4", A4(0, 3, 4, -1), PA, 0},
    {"offer open until 4/30", 1, "4/30", A4(0, 4, 30, -1), FU, EXP},
    {"offer good through 4/30/25", 1, "4/30/25", A4(2025, 4, 30, -1), FU, EXP},
    {"offer good thru 4/30", 1, "4/30", A4(0, 4, 30, -1), FU, EXP},
    {"Offer expires 4/15 at 5:00 PM", 1, "4/15 at 5:00 PM", A4(0, 4, 15, 1020), FU, EXP},
    {"offer exp. 4/15", 1, "4/15", A4(0, 4, 15, -1), FU, EXP},
    {"offer expiring 4/15", 1, "4/15", A4(0, 4, 15, -1), FU, EXP},
    {"expiration 4/15", 1, "4/15", A4(0, 4, 15, -1), FU, EXP},
    {"open till 4/15", 1, "4/15", A4(0, 4, 15, -1), FU, EXP},
    {"offer lapses 4/15", 1, "4/15", A4(0, 4, 15, -1), FU, EXP},
    {"deadline to accept 4/15", 1, "4/15", A4(0, 4, 15, -1), FU, EXP},
    {"Trial set for 5/5 at 9am", 1, "5/5 at 9am", A4(0, 5, 5, 540), FU, SET},
    {"hearing 3-14-2025", 1, "3-14-2025", A4(2025, 3, 14, -1), FU, SET},
    {"sentencing 6/2/2025", 1, "6/2/2025", A4(2025, 6, 2, -1), FU, SET},
    {"arraignment 6/2", 1, "6/2", A4(0, 6, 2, -1), FU, SET},
    {"status conference 6/2", 1, "6/2", A4(0, 6, 2, -1), FU, SET},
    {"continued to 6/2", 1, "6/2", A4(0, 6, 2, -1), FU, SET},
    {"reset to 6/2", 1, "6/2", A4(0, 6, 2, -1), FU, SET},
    {"scheduled 6/2", 1, "6/2", A4(0, 6, 2, -1), FU, SET},
    {"calendared 6/2", 1, "6/2", A4(0, 6, 2, -1), FU, SET},
    {"motions due 6/2", 1, "6/2", A4(0, 6, 2, -1), FU, SET},
    {"motion deadline 6/2", 1, "6/2", A4(0, 6, 2, -1), FU, SET},
    {"File by 4/1", 1, "4/1", A4(0, 4, 1, -1), FU, SET},
    {"respond to discovery by 4/1", 1, "4/1", A4(0, 4, 1, -1), FU, SET},
    {"ADA will get back to us by 4/1", 1, "4/1", A4(0, 4, 1, -1), FU, 0},
    {"need answer before 4/1", 1, "4/1", A4(0, 4, 1, -1), FU, 0},
    {"respond on or before 4/1", 1, "4/1", A4(0, 4, 1, -1), FU, 0},
    {"upcoming 4/1", 1, "4/1", A4(0, 4, 1, -1), FU, 0},
    {"filed 4/1", 1, "4/1", A4(0, 4, 1, -1), PA, 0},
    {"received discovery 4/1", 1, "4/1", A4(0, 4, 1, -1), PA, 0},
    {"emailed ADA 4/1", 1, "4/1", A4(0, 4, 1, -1), PA, 0},
    {"no word since 4/1", 1, "4/1", A4(0, 4, 1, -1), PA, 0},
    {"hearing was 4/1", 1, "4/1", A4(0, 4, 1, -1), PA, 0},
    {"was set for 4/1", 1, "4/1", A4(0, 4, 1, -1), FU, SET},
    {"Called ADA. 5/5 works", 1, "5/5", A4(0, 5, 5, -1), NR, 0},
    {"called ADA. Trial 5/5", 1, "5/5", A4(0, 5, 5, -1), FU, SET},
    {"trial is off; called 5/5", 1, "5/5", A4(0, 5, 5, -1), PA, 0},
    {"called the ADA about the discovery issue and the motion 5/5", 1, "5/5",
     A4(0, 5, 5, -1), NR, 0},
    {"trial window 3/14-3/16", 2, "3/14", A4(0, 3, 14, -1), FU, SET},
    {"3/14/25-3/20/25 trial", 2, "3/14/25", A4(2025, 3, 14, -1), FU, ENT},
    {"sent 3/14, 3/15", 2, "3/14", A4(0, 3, 14, -1), PA, 0},
    {"called 3/4 re 3/20", 2, "3/4", A4(0, 3, 4, -1), PA, 0},
    {"2/29 works", 1, "2/29", A4(0, 2, 29, -1), FU, ENT},
    {"2/29/2024 x", 1, "2/29/2024", A4(2024, 2, 29, -1), FU, ENT},
    {"(3/14) note", 1, "3/14", A4(0, 3, 14, -1), NR, 0},
    {"on 12/31/2025.", 1, "12/31/2025", A4(2025, 12, 31, -1), NR, 0},
    {"x \xff\xfe 3/14 \xc3", 1, "3/14", A4(0, 3, 14, -1), NR, 0},
    {"Counts 2/3 dismissed", 0, NONE},
    {"Count 2/3", 0, NONE},
    {"Ct 2/3 and 4", 0, NONE},
    {"cts. 2/3", 0, NONE},
    {"Exhibit 3/4", 0, NONE},
    {"50/50 chance", 0, NONE},
    {"1/2 of the fine", 0, NONE},
    {"take 1 1/2 tabs", 0, NONE},
    {"24/7 monitoring", 0, NONE},
    {"scored 10/10", 0, NONE},
    {"3/14%", 0, NONE},
    {"3/4 days", 0, NONE},
    {"3-14 was fine", 0, NONE},
    {"score 3-2", 0, NONE},
    {"Case 24-CR-0118", 0, NONE},
    {"Bates DEF-000123", 0, NONE},
    {"Bates DEF-000120-DEF-000135", 0, NONE},
    {"paid $1,250 on", 0, NONE},
    {"paid $12/14", 0, NONE},
    {"call 555-123-4567", 0, NONE},
    {"call (555) 123-4567", 0, NONE},
    {"v1.2/3 build", 0, NONE},
    {"version 2.3.4", 0, NONE},
    {"13/14/2025", 0, NONE},
    {"4/31 x", 0, NONE},
    {"2/30/2025", 0, NONE},
    {"2/29/2025", 0, NONE},
    {"3/14/255", 0, NONE},
    {"1/2/3/4", 0, NONE},
    {"a/b 3/0", 0, NONE},
    {"0/12", 0, NONE},
    {"12/25/1899", 0, NONE},
    {"A3/14", 0, NONE},
    {"#3/14", 0, NONE},
    {"1,3/4", 0, NONE},
    {"3/14/2025x", 0, NONE},
    {"3/14.5", 0, NONE},
    {"10:30 call", 0, NONE},

    /* month names */
    {"### March 14, 2025", 1, "March 14, 2025", A4(2025, 3, 14, -1), FU, ENT},
    {"March 14, 2025", 1, "March 14, 2025", A4(2025, 3, 14, -1), FU, ENT},
    {"March 14,2025 hearing", 1, "March 14,2025", A4(2025, 3, 14, -1), FU, ENT},
    {"met ADA Mar. 14th", 1, "Mar. 14th", A4(0, 3, 14, -1), PA, 0},
    {"hearing Sept 3", 1, "Sept 3", A4(0, 9, 3, -1), FU, SET},
    {"hearing Sept. 3rd, 2025", 1, "Sept. 3rd, 2025", A4(2025, 9, 3, -1), FU, SET},
    {"hearing Sep 3", 1, "Sep 3", A4(0, 9, 3, -1), FU, SET},
    {"sentencing on 14 March 2025", 1, "14 March 2025", A4(2025, 3, 14, -1), FU, SET},
    {"arraignment the 14th of March", 1, "14th of March", A4(0, 3, 14, -1), FU, SET},
    {"trial Dec. 1", 1, "Dec. 1", A4(0, 12, 1, -1), FU, SET},
    {"Jan 5, 2026 status conf", 1, "Jan 5, 2026", A4(2026, 1, 5, -1), FU, ENT},
    {"august 12th, 2025 notes", 1, "august 12th, 2025", A4(2025, 8, 12, -1), FU, ENT},
    {"hearing may 5", 1, "may 5", A4(0, 5, 5, -1), FU, SET},
    {"hearing May 5 at 10:15", 1, "May 5 at 10:15", A4(0, 5, 5, 615), FU, SET},
    {"3 May 2025 meeting", 1, "3 May 2025", A4(2025, 5, 3, -1), FU, ENT},
    {"met on 3 May", 1, "3 May", A4(0, 5, 3, -1), PA, 0},
    {"met on 3 may 2025", 1, "3 may 2025", A4(2025, 5, 3, -1), PA, 0},
    {"Feb 29", 1, "Feb 29", A4(0, 2, 29, -1), FU, ENT},
    {"trial June 2-4", 1, "June 2", A4(0, 6, 2, -1), FU, SET},
    {"trial Jul 4th.", 1, "Jul 4th", A4(0, 7, 4, -1), FU, SET},
    {"FEBRUARY 3, 2025", 1, "FEBRUARY 3, 2025", A4(2025, 2, 3, -1), FU, ENT},
    {"on Nov 30 2025 we", 1, "Nov 30 2025", A4(2025, 11, 30, -1), NR, 0},
    {"Oct 31", 1, "Oct 31", A4(0, 10, 31, -1), FU, ENT},
    {"April 1", 1, "April 1", A4(0, 4, 1, -1), FU, ENT},
    {"March 2025", 0, NONE},
    {"march to the courthouse", 0, NONE},
    {"in March", 0, NONE},
    {"The State may 5 witnesses", 0, NONE},
    {"the count 3 may be dismissed", 0, NONE},
    {"Feb 30", 0, NONE},
    {"September 31", 0, NONE},
    {"Mar 1,250", 0, NONE},
    {"Octopus 3", 0, NONE},
    {"Junes 3", 0, NONE},
    {"Jan 3 witnesses", 0, NONE},
    {"Mar 0", 0, NONE},
    {"dec 32", 0, NONE},
    {"Marc 14", 0, NONE},

    /* a weekday before a date */
    {"### Fri 3/14 — call w/ ADA", 1, "Fri 3/14", A4(0, 3, 14, -1), FU, ENT},
    {"Friday, March 14 — met ADA", 1, "Friday, March 14", A4(0, 3, 14, -1), FU, ENT},
    {"Wed. 3/12 trial", 1, "Wed. 3/12", A4(0, 3, 12, -1), FU, ENT},
    {"see you Sun 3/16 at noon", 1, "Sun 3/16 at noon", A4(0, 3, 16, 720), NR, 0},
    {"hearing Thurs, 2025-03-13", 1, "Thurs, 2025-03-13", A4(2025, 3, 13, -1), FU, SET},
    {"Tuesday 14 March", 1, "Tuesday 14 March", A4(0, 3, 14, -1), FU, ENT},
    {"trial wed 3/12", 1, "wed 3/12", A4(0, 3, 12, -1), FU, SET},
    {"ADA may call back", 0, NONE},
    {"we may need 3 weeks", 0, NONE},
    {"Mon-Fri 9-5", 0, NONE},
    {"open until Tue. 4/1 at 5pm", 1, "Tue. 4/1 at 5pm", A4(0, 4, 1, 1020), FU, EXP},
    {"met client 3/1, 3/8 and 3/15", 3, "3/1", A4(0, 3, 1, -1), PA, 0},
    {"3/14 2:30 pm call w/ ADA", 1, "3/14 2:30 pm", A4(0, 3, 14, 870), FU, ENT},
    {"called (3/4) and emailed", 1, "3/4", A4(0, 3, 4, -1), PA, 0},
    {"ADA said offer good until next Friday", 1, "next Friday", R3(WDAY, 1, 5), FU, EXP},
    {"hearing continued to two weeks from today", 1, "two weeks from today", R3(DAYS, 14, -1), FU, SET},

    /* relative */
    {"call back tomorrow", 1, "tomorrow", R3(DAYS, 1, -1), NR, 0},
    {"trial tomorrow", 1, "tomorrow", R3(DAYS, 1, -1), FU, SET},
    {"called today", 1, "today", R3(DAYS, 0, -1), PA, 0},
    {"tonight", 1, "tonight", R3(DAYS, 0, -1), NR, 0},
    {"spoke yesterday", 1, "yesterday", R3(DAYS, -1, -1), PA, 0},
    {"tmrw", 1, "tmrw", R3(DAYS, 1, -1), NR, 0},
    {"ADA to respond in 10 days", 1, "in 10 days", R3(DAYS, 10, -1), FU, 0},
    {"in two weeks", 1, "in two weeks", R3(DAYS, 14, -1), FU, 0},
    {"in a week", 1, "in a week", R3(DAYS, 7, -1), FU, 0},
    {"in 3 wks", 1, "in 3 wks", R3(DAYS, 21, -1), FU, 0},
    {"in one day", 1, "in one day", R3(DAYS, 1, -1), FU, 0},
    {"in 2 weeks from now", 1, "in 2 weeks from now", R3(DAYS, 14, -1), FU, 0},
    {"offer open in thirty-one days", 1, "in thirty-one days", R3(DAYS, 31, -1), FU, 0},
    {"two weeks from today", 1, "two weeks from today", R3(DAYS, 14, -1), FU, 0},
    {"10 days from now", 1, "10 days from now", R3(DAYS, 10, -1), FU, 0},
    {"a week from today", 1, "a week from today", R3(DAYS, 7, -1), FU, 0},
    {"twenty-one days from today", 1, "twenty-one days from today", R3(DAYS, 21, -1), FU, 0},
    {"twenty one days ago", 1, "twenty one days ago", R3(DAYS, -21, -1), PA, 0},
    {"3 days ago", 1, "3 days ago", R3(DAYS, -3, -1), PA, 0},
    {"a week ago", 1, "a week ago", R3(DAYS, -7, -1), PA, 0},
    {"respond within 30 days", 1, "within 30 days", R3(WITHIN, 30, -1), FU, 0},
    {"w/in 14 days", 1, "w/in 14 days", R3(WITHIN, 14, -1), FU, 0},
    {"within two weeks", 1, "within two weeks", R3(WITHIN, 14, -1), FU, 0},
    {"next Tuesday", 1, "next Tuesday", R3(WDAY, 1, 2), FU, 0},
    {"next tues", 1, "next tues", R3(WDAY, 1, 2), FU, 0},
    {"next sat", 1, "next sat", R3(WDAY, 1, 6), FU, 0},
    {"this Friday", 1, "this Friday", R3(WDAY, 0, 5), NR, 0},
    {"last Monday", 1, "last Monday", R3(WDAY, -1, 1), PA, 0},
    {"this past Friday", 1, "this past Friday", R3(WDAY, -1, 5), PA, 0},
    {"this coming Friday", 1, "this coming Friday", R3(WDAY, 0, 5), FU, 0},
    {"coming Thu", 1, "coming Thu", R3(WDAY, 0, 4), FU, 0},
    {"on Friday", 1, "Friday", R3(WDAY, 0, 5), NR, 0},
    {"Friday's hearing", 1, "Friday", R3(WDAY, 0, 5), NR, 0},
    {"SUNDAY", 1, "SUNDAY", R3(WDAY, 0, 0), NR, 0},
    {"offer open until Friday", 1, "Friday", R3(WDAY, 0, 5), FU, EXP},
    {"called Monday", 1, "Monday", R3(WDAY, 0, 1), PA, 0},
    {"ADA will call by Wednesday", 1, "Wednesday", R3(WDAY, 0, 3), FU, 0},
    {"Motions due by Friday", 1, "Friday", R3(WDAY, 0, 5), FU, SET},
    {"trial next Monday at 9am", 1, "next Monday at 9am", 0, 0, 0, 540, WDAY, 1, 1, FU, SET},
    {"tomorrow at 9am", 1, "tomorrow at 9am", 0, 0, 0, 540, DAYS, 1, -1, NR, 0},
    {"tomorrow @ 2:30 pm", 1, "tomorrow @ 2:30 pm", 0, 0, 0, 870, DAYS, 1, -1, NR, 0},
    {"## Tomorrow", 1, "Tomorrow", R3(DAYS, 1, -1), NR, 0},
    {"thirty-one days", 0, NONE},
    {"in 18 months", 0, NONE},
    {"in an hour", 0, NONE},
    {"in 10 business days", 0, NONE},
    {"sentenced to 90 days in jail", 0, NONE},
    {"Fridays are bad", 0, NONE},
    {"the sat phone", 0, NONE},
    {"I sat down", 0, NONE},
    {"this sun is hot", 0, NONE},
    {"last sat", 0, NONE},
    {"Mon", 0, NONE},
    {"wed", 0, NONE},
    {"Fri.", 0, NONE},
    {"Saturdays", 0, NONE},
    {"intoday", 0, NONE},
    {"todays", 0, NONE},
    {"in 0 days", 0, NONE},

    /* times */
    {"3/14 at 9 a.m. hearing", 1, "3/14 at 9 a.m.", A4(0, 3, 14, 540), FU, ENT},
    {"3/14 14:30 call", 1, "3/14 14:30", A4(0, 3, 14, 870), FU, ENT},
    {"3/14 at 12am", 1, "3/14 at 12am", A4(0, 3, 14, 0), FU, ENT},
    {"3/14 at 12pm", 1, "3/14 at 12pm", A4(0, 3, 14, 720), FU, ENT},
    {"3/14 at 9:00AM", 1, "3/14 at 9:00AM", A4(0, 3, 14, 540), FU, ENT},
    {"3/14, 9am", 1, "3/14, 9am", A4(0, 3, 14, 540), FU, ENT},
    {"3/14 at midnight", 1, "3/14 at midnight", A4(0, 3, 14, 0), FU, ENT},
    {"3/14 at noon", 1, "3/14 at noon", A4(0, 3, 14, 720), FU, ENT},
    {"3/14 at 13pm", 1, "3/14", A4(0, 3, 14, -1), FU, ENT},
    {"3/14 at 9", 1, "3/14", A4(0, 3, 14, -1), FU, ENT},
    {"3/14 25:00", 1, "3/14", A4(0, 3, 14, -1), FU, ENT},
    {"3/14 9:75", 1, "3/14", A4(0, 3, 14, -1), FU, ENT},
    {"3/14 9 amounts", 1, "3/14", A4(0, 3, 14, -1), FU, ENT},
    {"3/14 at 08:05:59", 1, "3/14 at 08:05:59", A4(0, 3, 14, 485), FU, ENT},

    /* entry dates and lists */
    {"- 3/14: emailed ADA", 1, "3/14", A4(0, 3, 14, -1), FU, ENT},
    {"- 3/14 - emailed ADA", 1, "3/14", A4(0, 3, 14, -1), FU, ENT},
    {"- 3/14 \xe2\x80\x93 called", 1, "3/14", A4(0, 3, 14, -1), FU, ENT},
    {"- 3/14 \xe2\x80\x94 called", 1, "3/14", A4(0, 3, 14, -1), FU, ENT},
    {"- 3/14 emailed ADA", 1, "3/14", A4(0, 3, 14, -1), NR, 0},
    {"  - 3/14: emailed", 1, "3/14", A4(0, 3, 14, -1), NR, 0},
    {"- [x] 3/14: filed", 1, "3/14", A4(0, 3, 14, -1), FU, ENT},
    {"1. 3/14 — called", 1, "3/14", A4(0, 3, 14, -1), FU, ENT},
    {"Called ADA 3/14", 1, "3/14", A4(0, 3, 14, -1), PA, 0},
    {"## Hearing 3/14", 1, "3/14", A4(0, 3, 14, -1), FU, SET},
    {"3/14|called", 1, "3/14", A4(0, 3, 14, -1), FU, ENT},
    {"3/14 \xe2\x80\x94 called", 1, "3/14", A4(0, 3, 14, -1), FU, ENT},
    {"#### 2025-03-14 14:00", 1, "2025-03-14 14:00", A4(2025, 3, 14, 840), FU, ENT},
    {"Trial set 5/5; called ADA 3/4", 2, "5/5", A4(0, 5, 5, -1), FU, SET},
};

static void check_item(const gavel_item *it, const drow *r) {
  const char *at = strstr(r->line, r->span);
  long col = at ? (long)(at - r->line) : -1;
  INT_EQ(it->col, col, "col");
  INT_EQ(it->end_col, col + (long)strlen(r->span), "end_col");
  INT_EQ(it->spec.year, r->y, "year");
  INT_EQ(it->spec.month, r->m, "month");
  INT_EQ(it->spec.day, r->d, "day");
  INT_EQ(it->spec.minute, r->minute, "minute");
  INT_EQ(it->minute, r->minute, "item minute");
  INT_EQ(it->spec.rel, r->rel, "rel");
  INT_EQ(it->spec.amount, r->amount, "amount");
  INT_EQ(it->spec.weekday, r->weekday, "weekday");
  INT_EQ(it->spec.tense, r->tense, "tense");
  INT_EQ(it->flags, r->flags, "flags");
  if (r->rel == ABS && r->y)
    INT_EQ(it->day, gavel_day_from_ymd(r->y, r->m, r->d), "day number");
  else
    INT_EQ(it->day, GAVEL_NO_DAY, "no day before analysis");
}

static size_t count_dates(const gavel_item *v, size_t n,
                          const gavel_item **first) {
  size_t c = 0;
  *first = NULL;
  for (size_t i = 0; i < n; i++)
    if (v[i].kind == GAVEL_KIND_DATE) {
      if (!c) *first = &v[i];
      c++;
    }
  return c;
}

static void test_scan_table(void) {
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    const gavel_item *v, *first;
    size_t n = t_read(rows[i].line, &v);
    t_case = rows[i].line;
    INT_EQ(count_dates(v, n, &first), rows[i].n, "DATE items");
    if (rows[i].n && first) check_item(first, &rows[i]);
  }
  t_case = NULL;
}

/* The second and later dates of a line. */
static void test_later_dates(void) {
  static const struct {
    const char *line;
    size_t k;         /* which DATE item */
    const char *span; /* its text */
    int tense;
    unsigned flags;
  } rows2[] = {
      {"3/14/25 — offer open until 4/30", 1, "4/30", FU, EXP},
      {"called 3/4 re 3/20", 1, "3/20", NR, 0},
      {"Trial set 5/5; called ADA 3/4", 1, "3/4", PA, 0},
      {"trial window 3/14-3/16", 1, "3/16", NR, 0},
      {"## 2025-03-14 offer expires 3/21", 1, "3/21", FU, EXP},
      {"3/14: ADA offered; trial 5/5, expires 4/1", 2, "4/1", FU, EXP},
      {"3/14: ADA offered; trial 5/5, expires 4/1", 1, "5/5", FU, SET},
  };
  for (size_t i = 0; i < sizeof rows2 / sizeof rows2[0]; i++) {
    const gavel_item *v;
    size_t n = t_read(rows2[i].line, &v), c = 0;
    const gavel_item *it = NULL;
    t_case = rows2[i].line;
    for (size_t j = 0; j < n; j++)
      if (v[j].kind == GAVEL_KIND_DATE && c++ == rows2[i].k) it = &v[j];
    OK(it != NULL, "date item present");
    if (!it) continue;
    const char *at = strstr(rows2[i].line, rows2[i].span);
    INT_EQ(it->col, at - rows2[i].line, "col");
    INT_EQ(it->end_col, at - rows2[i].line + (long)strlen(rows2[i].span), "end_col");
    INT_EQ(it->spec.tense, rows2[i].tense, "tense");
    INT_EQ(it->flags, rows2[i].flags, "flags");
  }
  t_case = NULL;
}

static int t_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static void test_day_arithmetic(void) {
  static const int mlen[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  gavel_day want = gavel_day_from_ymd(1900, 1, 1);
  int wd = gavel_day_weekday(want);
  long bad_num = 0, bad_ymd = 0, bad_wd = 0, bad_fmt = 0;
  INT_EQ(want, -25567, "1900-01-01");
  INT_EQ(wd, 1, "1900-01-01 was a Monday");
  for (int y = 1900; y <= 2100; y++)
    for (int m = 1; m <= 12; m++) {
      int len = mlen[m - 1] + (m == 2 && t_leap(y));
      for (int d = 1; d <= len; d++, want++) {
        int yy, mm, dd;
        char buf[11];
        if (gavel_day_from_ymd(y, m, d) != want) bad_num++;
        if (gavel_day_to_ymd(want, &yy, &mm, &dd) != 0 || yy != y || mm != m ||
            dd != d)
          bad_ymd++;
        if (gavel_day_weekday(want) != wd) bad_wd++;
        wd = (wd + 1) % 7;
        if (gavel_day_parse(gavel_day_format(want, buf), 10) != want) bad_fmt++;
      }
      if (gavel_day_from_ymd(y, m, len + 1) != GAVEL_NO_DAY) bad_num++;
    }
  INT_EQ(bad_num, 0, "from_ymd over 1900..2100");
  INT_EQ(bad_ymd, 0, "to_ymd over 1900..2100");
  INT_EQ(bad_wd, 0, "weekday over 1900..2100");
  INT_EQ(bad_fmt, 0, "format/parse over 1900..2100");

  static const struct { int y, m, d; gavel_day want; } known[] = {
      {1970, 1, 1, 0},        {1969, 12, 31, -1},     {2000, 3, 1, 11017},
      {2025, 3, 14, 20161},   {1, 1, 1, -719162},     {9999, 12, 31, 2932896},
      {2000, 2, 29, 11016},   {1900, 2, 29, GAVEL_NO_DAY},
      {2100, 2, 29, GAVEL_NO_DAY}, {2024, 2, 29, 19782},
      {0, 1, 1, GAVEL_NO_DAY}, {10000, 1, 1, GAVEL_NO_DAY},
      {2025, 0, 1, GAVEL_NO_DAY}, {2025, 13, 1, GAVEL_NO_DAY},
      {2025, 1, 0, GAVEL_NO_DAY}, {2025, 1, 32, GAVEL_NO_DAY},
      {2025, 4, 31, GAVEL_NO_DAY}, {-5, 1, 1, GAVEL_NO_DAY},
  };
  for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
    char name[32];
    t_case = gv_fmt(name, sizeof name, "%d-%d-%d", known[i].y, known[i].m,
                    known[i].d);
    INT_EQ(gavel_day_from_ymd(known[i].y, known[i].m, known[i].d),
           known[i].want, "day number");
  }
  t_case = NULL;
  INT_EQ(gavel_day_weekday(0), 4, "1970-01-01 was a Thursday");
  INT_EQ(gavel_day_weekday(-1), 3, "1969-12-31 was a Wednesday");
  INT_EQ(gavel_day_weekday(20161), 5, "2025-03-14 was a Friday");
  INT_EQ(gavel_day_weekday(-719162), 1, "0001-01-01 was a Monday");
  INT_EQ(gavel_day_to_ymd(GAVEL_NO_DAY, NULL, NULL, NULL), -1, "to_ymd NO_DAY");
  INT_EQ(gavel_day_to_ymd(0, NULL, NULL, NULL), 0, "to_ymd with NULL outs");
  {
    int y = 0, m = 0, d = 0;
    INT_EQ(gavel_day_to_ymd(-719162, &y, &m, &d), 0, "to_ymd year 1");
    INT_EQ(y * 10000 + m * 100 + d, 10101, "0001-01-01");
    gavel_day_to_ymd(2932896, &y, &m, &d);
    INT_EQ(y * 10000 + m * 100 + d, 99991231, "9999-12-31");
  }
  {
    gavel_day t = gavel_day_today();
    OK(t != GAVEL_NO_DAY && t > gavel_day_from_ymd(2000, 1, 1) &&
           t < gavel_day_from_ymd(2200, 1, 1),
       "today is a plausible day");
  }
}

static void test_parse_format(void) {
  static const struct { const char *s; size_t len; gavel_day want; } p[] = {
      {"2025-03-14", 10, 20161},
      {"1970-01-01", 10, 0},
      {"0001-01-01", 10, -719162},
      {"9999-12-31", 10, 2932896},
      {"2024-02-29", 10, 19782},
      {"2025-02-29", 10, GAVEL_NO_DAY},
      {"0000-01-01", 10, GAVEL_NO_DAY},
      {"2025-3-14", 9, GAVEL_NO_DAY},
      {"20250314", 8, GAVEL_NO_DAY},
      {"2025-03-14 ", 11, GAVEL_NO_DAY},
      {"2025-03-14x", 10, 20161}, /* len bytes only */
      {"2025/03/14", 10, GAVEL_NO_DAY},
      {"abcd-ef-gh", 10, GAVEL_NO_DAY},
      {"2025-03-1a", 10, GAVEL_NO_DAY},
      {"2025-13-01", 10, GAVEL_NO_DAY},
      {"2025-00-10", 10, GAVEL_NO_DAY},
      {"2025-01-00", 10, GAVEL_NO_DAY},
      {"-025-01-01", 10, GAVEL_NO_DAY},
      {"", 0, GAVEL_NO_DAY},
  };
  for (size_t i = 0; i < sizeof p / sizeof p[0]; i++) {
    t_case = p[i].s;
    INT_EQ(gavel_day_parse(p[i].s, p[i].len), p[i].want, "parse");
  }
  t_case = NULL;
  INT_EQ(gavel_day_parse(NULL, 10), GAVEL_NO_DAY, "parse NULL");
  {
    char buf[11] = "xxxxxxxxxx";
    STR_EQ(gavel_day_format(20161, buf), "2025-03-14", "format");
    STR_EQ(gavel_day_format(-719162, buf), "0001-01-01", "format year 1");
    STR_EQ(gavel_day_format(-1, buf), "1969-12-31", "format -1");
    STR_EQ(gavel_day_format(GAVEL_NO_DAY, buf), "", "format NO_DAY");
  }
}

static void test_resolve(void) {
  static const struct {
    const char *name;
    gavel_datespec spec; /* year, month, day, minute, rel, tense, weekday, amount */
    const char *anchor;
    const char *want;
  } r[] = {
      {"abs", {2025, 3, 14, -1, ABS, NR, -1, 0}, "2020-01-01", "2025-03-14"},
      {"abs, no anchor", {2025, 3, 14, -1, ABS, PA, -1, 0}, "", "2025-03-14"},
      {"abs impossible", {2025, 2, 30, -1, ABS, NR, -1, 0}, "2025-01-01", ""},
      {"abs month 0", {2025, 0, 3, -1, ABS, NR, -1, 0}, "2025-01-01", ""},
      {"no year, no month", {0, 0, 3, -1, ABS, NR, -1, 0}, "2025-01-01", ""},
      {"no year, day 32", {0, 1, 32, -1, ABS, FU, -1, 0}, "2025-01-01", ""},
      {"future past anchor", {0, 3, 14, -1, ABS, FU, -1, 0}, "2025-03-20", "2026-03-14"},
      {"past", {0, 3, 14, -1, ABS, PA, -1, 0}, "2025-03-20", "2025-03-14"},
      {"nearest", {0, 3, 14, -1, ABS, NR, -1, 0}, "2025-03-20", "2025-03-14"},
      {"future same day", {0, 3, 14, -1, ABS, FU, -1, 0}, "2025-03-14", "2025-03-14"},
      {"past same day", {0, 3, 14, -1, ABS, PA, -1, 0}, "2025-03-14", "2025-03-14"},
      {"future later", {0, 4, 30, -1, ABS, FU, -1, 0}, "2025-03-14", "2025-04-30"},
      {"past later", {0, 4, 30, -1, ABS, PA, -1, 0}, "2025-03-14", "2024-04-30"},
      {"nearest over new year", {0, 12, 30, -1, ABS, NR, -1, 0}, "2025-01-05", "2024-12-30"},
      {"future over new year", {0, 12, 30, -1, ABS, FU, -1, 0}, "2025-01-05", "2025-12-30"},
      {"nearest into new year", {0, 1, 3, -1, ABS, NR, -1, 0}, "2024-12-28", "2025-01-03"},
      {"past into new year", {0, 1, 3, -1, ABS, PA, -1, 0}, "2024-12-28", "2024-01-03"},
      {"nearest tie goes future", {0, 1, 1, -1, ABS, NR, -1, 0}, "2024-07-02", "2025-01-01"},
      {"nearest just before tie", {0, 1, 1, -1, ABS, NR, -1, 0}, "2024-07-01", "2024-01-01"},
      {"feb 29 future", {0, 2, 29, -1, ABS, FU, -1, 0}, "2025-03-01", "2028-02-29"},
      {"feb 29 past", {0, 2, 29, -1, ABS, PA, -1, 0}, "2025-03-01", "2024-02-29"},
      {"feb 29 nearest", {0, 2, 29, -1, ABS, NR, -1, 0}, "2025-03-01", "2024-02-29"},
      {"feb 29 future across 2100", {0, 2, 29, -1, ABS, FU, -1, 0}, "2096-03-01", "2104-02-29"},
      {"no year, no anchor", {0, 3, 14, -1, ABS, NR, -1, 0}, "", ""},
      {"days +1", {0, 0, 0, -1, DAYS, NR, -1, 1}, "2025-12-31", "2026-01-01"},
      {"days -1", {0, 0, 0, -1, DAYS, PA, -1, -1}, "2025-03-01", "2025-02-28"},
      {"days 0", {0, 0, 0, -1, DAYS, NR, -1, 0}, "2025-03-01", "2025-03-01"},
      {"days +14", {0, 0, 0, -1, DAYS, FU, -1, 14}, "2024-02-20", "2024-03-05"},
      {"days no anchor", {0, 0, 0, -1, DAYS, FU, -1, 3}, "", ""},
      {"days past year 9999", {0, 0, 0, -1, DAYS, FU, -1, 5}, "9999-12-30", ""},
      {"within 30", {0, 0, 0, -1, WITHIN, FU, -1, 30}, "2025-03-01", "2025-03-31"},
      {"within no anchor", {0, 0, 0, -1, WITHIN, FU, -1, 30}, "", ""},
      {"next fri from fri", {0, 0, 0, -1, WDAY, FU, 5, 1}, "2025-03-14", "2025-03-21"},
      {"next sat from fri", {0, 0, 0, -1, WDAY, FU, 6, 1}, "2025-03-14", "2025-03-15"},
      {"next thu from fri", {0, 0, 0, -1, WDAY, FU, 4, 1}, "2025-03-14", "2025-03-20"},
      {"last fri from fri", {0, 0, 0, -1, WDAY, PA, 5, -1}, "2025-03-14", "2025-03-07"},
      {"last thu from fri", {0, 0, 0, -1, WDAY, PA, 4, -1}, "2025-03-14", "2025-03-13"},
      {"last sat from fri", {0, 0, 0, -1, WDAY, PA, 6, -1}, "2025-03-14", "2025-03-08"},
      {"this fri nearest", {0, 0, 0, -1, WDAY, NR, 5, 0}, "2025-03-14", "2025-03-14"},
      {"this fri past", {0, 0, 0, -1, WDAY, PA, 5, 0}, "2025-03-14", "2025-03-14"},
      {"this mon nearest", {0, 0, 0, -1, WDAY, NR, 1, 0}, "2025-03-14", "2025-03-17"},
      {"this mon future", {0, 0, 0, -1, WDAY, FU, 1, 0}, "2025-03-14", "2025-03-17"},
      {"bare mon past", {0, 0, 0, -1, WDAY, PA, 1, 0}, "2025-03-14", "2025-03-10"},
      {"sunday over month end", {0, 0, 0, -1, WDAY, FU, 0, 1}, "2025-02-27", "2025-03-02"},
      {"weekday no anchor", {0, 0, 0, -1, WDAY, FU, 1, 1}, "", ""},
      {"weekday out of range", {0, 0, 0, -1, WDAY, FU, 7, 1}, "2025-03-14", ""},
      {"weekday -1", {0, 0, 0, -1, WDAY, FU, -1, 1}, "2025-03-14", ""},
      {"unknown rel", {0, 0, 0, -1, 9, FU, -1, 1}, "2025-03-14", ""},
  };
  for (size_t i = 0; i < sizeof r / sizeof r[0]; i++) {
    t_case = r[i].name;
    INT_EQ(gv_date_resolve(&r[i].spec, t_day(r[i].anchor)), t_day(r[i].want),
           "resolved day");
  }
  t_case = NULL;
  INT_EQ(gv_date_resolve(NULL, 0), GAVEL_NO_DAY, "resolve NULL spec");
}

/* Lines read by an engine with opts.day_first. */
static void test_day_first(void) {
  static const struct {
    const char *line;
    int n, y, m, d;
  } r[] = {
      {"14/3/2025 called", 1, 2025, 3, 14},
      {"3/4 called ADA", 1, 0, 4, 3},
      {"14/3 trial", 1, 0, 3, 14},
      {"14-3-2025", 1, 2025, 3, 14},
      {"2025-03-14", 1, 2025, 3, 14},
      {"March 14", 1, 0, 3, 14},
      {"14 March 2025", 1, 2025, 3, 14},
      {"31/12/25", 1, 2025, 12, 31},
      {"3/14/2025", 0, 0, 0, 0},
      {"12/13", 0, 0, 0, 0},
      {"24/7 monitoring", 0, 0, 0, 0},
      {"29/2/2025", 0, 0, 0, 0},
  };
  gavel_options o;
  t_reader rd;
  gavel_options_init(&o);
  o.day_first = 1;
  if (t_reader_open(&rd, &o) == 0) {
    for (size_t i = 0; i < sizeof r / sizeof r[0]; i++) {
      const gavel_item *first, *v;
      t_case = r[i].line;
      size_t n = t_reader_read(&rd, r[i].line, strlen(r[i].line), &v);
      INT_EQ(count_dates(v, n, &first), r[i].n, "DATE items");
      if (!first || !r[i].n) continue;
      INT_EQ(first->spec.year, r[i].y, "year");
      INT_EQ(first->spec.month, r[i].m, "month");
      INT_EQ(first->spec.day, r[i].d, "day");
    }
    t_reader_close(&rd);
  }
  t_case = NULL;
}

/* Long and hostile lines: bounded work, nothing breaks. */
static void test_long_lines(void) {
  size_t max = gavel_engine_options(t_engine())->max_line_bytes;
  char *buf = malloc(max + 64);
  const gavel_item *v, *first;
  size_t n, i;
  OK(buf != NULL, "buffer");
  if (!buf) return;
  /* "3/14 " repeated past the limit: every whole one within it counts */
  for (i = 0; i + 5 <= max + 60; i += 5) memcpy(buf + i, "3/14 ", 5);
  buf[i] = 0;
  n = t_read(buf, &v);
  INT_EQ(count_dates(v, n, &first), max / 5, "dates on a long line");
  /* digits and slashes only */
  for (i = 0; i < max + 60; i++) buf[i] = "1/2-"[i % 4];
  buf[i] = 0;
  n = t_read(buf, &v);
  INT_EQ(count_dates(v, n, &first), 2, "one range in 1/2-1/2-...");
  /* bytes that are not UTF-8 */
  for (i = 0; i < max + 60; i++) buf[i] = (char)(0x80 + i % 128);
  buf[i] = 0;
  n = t_read(buf, &v);
  INT_EQ(count_dates(v, n, &first), 0, "no dates in high bytes");
  /* a date cut by the limit is not read past it */
  memset(buf, ' ', max);
  memcpy(buf + max - 4, "3/14/2025", 10);
  n = t_read(buf, &v);
  INT_EQ(count_dates(v, n, &first), 1, "date at the cut");
  if (first) {
    INT_EQ(first->end_col, max, "date ends at the cut");
    INT_EQ(first->spec.year, 0, "year beyond the cut is not read");
  }
  free(buf);
}

void suite_dates(void) {
  test_day_arithmetic();
  test_parse_format();
  test_resolve();
  test_scan_table();
  test_later_dates();
  test_day_first();
  test_long_lines();
}
