package org.healthtimeline.demo;

import java.time.Clock;
import java.util.List;
import org.healthtimeline.assessment.AssessmentDemo;
import org.healthtimeline.assessment.AssessmentService;
import org.healthtimeline.assessment.SleepQuizService;
import org.healthtimeline.db.Tx;
import org.healthtimeline.medication.MedicationDemo;
import org.healthtimeline.user.UserService;

/**
 * The demo people's medications with their dose history, questionnaires and sleep quiz, added after their
 * generated events ({@link DemoData}); like them, loading again adds nothing.
 */
public final class CareDemo {
  private CareDemo() {}

  /** Returns how many doses and responses were added. */
  public static int load(Tx tx, List<LoadedUser> loaded, Clock clock) {
    var users = new UserService(tx);
    var assessments = new AssessmentService(tx, users, clock);
    var sleepQuiz = new SleepQuizService(tx, users, clock);
    int added = 0;
    for (LoadedUser u : loaded) {
      int person = DemoData.PEOPLE.stream().map(DemoPerson::externalId).toList().indexOf(u.externalId());
      long seed = person < 0 ? u.externalId().hashCode() : DemoData.PEOPLE.get(person).seed();
      added += MedicationDemo.load(tx, clock, u.id(), u.zone(), u.firstDay(), Math.max(person, 0), seed);
      added += AssessmentDemo.load(assessments, sleepQuiz, u.id(), u.zone(), u.firstDay(), u.lastDay(), seed);
    }
    return added;
  }
}
