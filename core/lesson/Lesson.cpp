#include "lesson/Lesson.h"

#include "design/Design.h"

#include <algorithm>

namespace pp {

bool LessonSolution::operator==(const LessonSolution& other) const
{
    if (id != other.id || description != other.description)
        return false;
    if (!design || !other.design)
        return design == other.design;
    return *design == *other.design;
}

bool Lesson::operator==(const Lesson& other) const
{
    return id == other.id && title == other.title && summary == other.summary && instructions == other.instructions &&
           estimatedMinutes == other.estimatedMinutes && timeLimitMinutes == other.timeLimitMinutes &&
           goals == other.goals && hints == other.hints && locked == other.locked && lockedFlows == other.lockedFlows &&
           elapsedSeconds == other.elapsedSeconds && solutions == other.solutions;
}

bool isLocked(const Lesson& lesson, const ResourceId& id)
{
    return std::find(lesson.locked.begin(), lesson.locked.end(), id) != lesson.locked.end();
}

bool isLocked(const Lesson& lesson, const FlowId& id)
{
    return std::find(lesson.lockedFlows.begin(), lesson.lockedFlows.end(), id) != lesson.lockedFlows.end();
}

bool sameQuestion(const Flow& before, const Flow& after)
{
    Flow a = before, b = after;
    a.name = b.name;
    a.expect = b.expect;
    a.description = b.description;
    return a == b;
}

} // namespace pp
