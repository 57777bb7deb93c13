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
           goals == other.goals && hints == other.hints && locked == other.locked && solutions == other.solutions;
}

bool isLocked(const Lesson& lesson, const ResourceId& id)
{
    return std::find(lesson.locked.begin(), lesson.locked.end(), id) != lesson.locked.end();
}

} // namespace pp
