%% an .app file whose env has a string key
{application, bad_env,
 [{vsn, "1.0.0"},
  {env, [{port, 8080},
        {"port", 80}]}]}.
