package org.healthtimeline.cli;

import java.util.concurrent.Callable;
import org.healthtimeline.db.Database;
import org.healthtimeline.user.TokenService;
import org.healthtimeline.user.UserService;
import org.healthtimeline.db.Tx;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "token", mixinStandardHelpOptions = true, description = "API tokens.",
    subcommands = TokenCommand.Create.class)
final class TokenCommand {

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Make an API token and print it alone on stdout (it is shown only once).")
  static final class Create implements Callable<Integer> {
    @Mixin DatabaseOptions db;

    @ArgGroup(multiplicity = "1")
    Kind kind;

    @Option(names = "--name", description = "A label for the token, e.g. the app that uses it.")
    String name;

    static final class Kind {
      @Option(names = "--service", required = true, description = "A service token: may act for any user.")
      boolean service;

      @Option(names = "--user", paramLabel = "ID", required = true,
          description = "A user token for this user (their id, or their external_id).")
      String user;
    }

    @Override
    public Integer call() {
      try (Database database = db.openMigrated()) {
        Tx tx = database.tx();
        var tokens = new TokenService(tx);
        String token = kind.service ? tokens.createServiceToken(name) : tokens.createUserToken(UserArgument.resolve(new UserService(tx), kind.user), name);
        System.out.println(token);
      }
      return 0;
    }
  }
}
