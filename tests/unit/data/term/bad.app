%% A bad application resource file.
{application, bad,
 [{vsn, "1.0"},]}.
